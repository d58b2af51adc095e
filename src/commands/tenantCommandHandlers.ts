import type { TenantCommand } from '../domain/tenant/tenantCommands';
import { tenantDecider } from '../domain/tenant/tenantDecider';
import { commandHandler } from './commandHandlerSpec';
import { createTenantSchema, deleteTenantSchema, renameTenantSchema } from './tenantCommandSchemas';
import { tenantCategory } from '../domain/tenant/tenantStream';

const tenantAggregate = {
  category: tenantCategory,
  decider: tenantDecider,
  aggregateId: (command: TenantCommand) => command.data.tenantId,
};

export const tenantCommandHandlers = {
  CreateTenant: commandHandler({
    ...tenantAggregate,
    schema: createTenantSchema,
    description: 'Create a tenant (a customer organisation).',
    toCommand: (data, metadata, newId): TenantCommand => ({
      type: 'CreateTenant',
      data: { tenantId: data.tenantId ?? newId(), name: data.name, createdBy: metadata.actor },
    }),
  }),
  RenameTenant: commandHandler({
    ...tenantAggregate,
    schema: renameTenantSchema,
    description: 'Rename a tenant.',
    toCommand: (data): TenantCommand => ({ type: 'RenameTenant', data }),
  }),
  DeleteTenant: commandHandler({
    ...tenantAggregate,
    schema: deleteTenantSchema,
    description: 'Soft-delete a tenant, with a reason.',
    toCommand: (data): TenantCommand => ({ type: 'DeleteTenant', data }),
  }),
};
