import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import type { InstanceCommand } from '../../../src/domain/instance/instanceCommands';
import { instanceDecider } from '../../../src/domain/instance/instanceDecider';
import type { InstanceEvent } from '../../../src/domain/instance/instanceEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec<ReturnType<typeof instanceDecider.initialState>, InstanceCommand, InstanceEvent>(instanceDecider);
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const instanceSpec = {
  instanceId, tenantId, name: 'Harare shop', subdomain: 'harare-shop', plan: 'starter' as const, odooVersion: '17.0',
  adminEmail: 'admin@example.com', demoData: false, language: 'en_US', requestedBy: 'user-1',
};
const requested: InstanceEvent = { type: 'InstanceProvisioningRequested', data: instanceSpec };
const provisioned: InstanceEvent = { type: 'InstanceProvisioned', data: { instanceId, url: 'http://harare-shop.example', containerName: 'odoo-x', databaseName: 'inst_x' } };
const running = [requested, provisioned];
const stopped = [...running, { type: 'InstanceStopRequested', data: { instanceId } }, { type: 'InstanceStopped', data: { instanceId } }] as InstanceEvent[];

describe('Instance decider', () => {
  it('requests provisioning of a new instance', () => {
    spec.given([]).when({ type: 'ProvisionInstance', data: instanceSpec }).then([requested]);
  });

  it('refuses a second provisioning, a reserved or malformed subdomain', () => {
    spec.given([requested]).when({ type: 'ProvisionInstance', data: instanceSpec }).thenThrows(DomainError, /already exists/);
    spec.given([]).when({ type: 'ProvisionInstance', data: { ...instanceSpec, subdomain: 'admin' } }).thenThrows(DomainError, /reserved/);
    spec.given([]).when({ type: 'ProvisionInstance', data: { ...instanceSpec, subdomain: '-bad' } }).thenThrows(DomainError, /DNS label/);
  });

  it('answers 404 for commands on an unknown instance', () => {
    spec.given([]).when({ type: 'StartInstance', data: { instanceId } }).thenThrows(NotFoundError);
  });

  it('records the saga outcome once, ignoring a repeated report', () => {
    const report: InstanceCommand = { type: 'RecordInstanceProvisioned', data: provisioned.data as never };
    spec.given([requested]).when(report).then([provisioned]);
    spec.given(running).when(report).then([]);
    spec.given([requested]).when({ type: 'RecordInstanceProvisioningFailed', data: { instanceId, reason: 'boom', failedStep: 'createVolume' } })
      .then([{ type: 'InstanceProvisioningFailed', data: { instanceId, reason: 'boom', failedStep: 'createVolume' } }]);
  });

  it('cannot start, stop or resize while provisioning', () => {
    spec.given([requested]).when({ type: 'StartInstance', data: { instanceId } }).thenThrows(DomainError, /while it is provisioning/);
    spec.given([requested]).when({ type: 'StopInstance', data: { instanceId } }).thenThrows(DomainError, /while it is provisioning/);
    spec.given([requested]).when({ type: 'ResizeInstance', data: { instanceId, plan: 'business' } }).thenThrows(DomainError);
  });

  it('stops a running instance and starts it again', () => {
    spec.given(running).when({ type: 'StopInstance', data: { instanceId } }).then([{ type: 'InstanceStopRequested', data: { instanceId } }]);
    spec.given(stopped).when({ type: 'StartInstance', data: { instanceId } }).then([{ type: 'InstanceStartRequested', data: { instanceId } }]);
    spec.given(stopped).when({ type: 'StopInstance', data: { instanceId } }).then([]);
    spec.given(running).when({ type: 'StartInstance', data: { instanceId } }).then([]);
  });

  it('refuses a second operation while one is in progress', () => {
    const stopping = [...running, { type: 'InstanceStopRequested', data: { instanceId } }] as InstanceEvent[];
    spec.given(stopping).when({ type: 'RestartInstance', data: { instanceId } }).thenThrows(DomainError, /still in progress/);
    spec.given(stopping).when({ type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 0, reason: 'x' } }).thenThrows(DomainError, /in progress/);
  });

  it('restarts only a running instance', () => {
    spec.given(running).when({ type: 'RestartInstance', data: { instanceId } }).then([{ type: 'InstanceRestartRequested', data: { instanceId } }]);
    spec.given(stopped).when({ type: 'RestartInstance', data: { instanceId } }).thenThrows(DomainError, /while it is stopped/);
  });

  it('resizes to another plan and applies the plan when the saga reports back', () => {
    const resizing = [...running, { type: 'InstanceResizeRequested', data: { instanceId, plan: 'business', previousPlan: 'starter' } }] as InstanceEvent[];
    spec.given(running).when({ type: 'ResizeInstance', data: { instanceId, plan: 'business' } }).then([resizing[2]!]);
    spec.given(running).when({ type: 'ResizeInstance', data: { instanceId, plan: 'starter' } }).then([]);
    spec.given(resizing).when({ type: 'RecordInstanceOperationCompleted', data: { instanceId, operation: 'resize' } })
      .then([{ type: 'InstanceResized', data: { instanceId, plan: 'business' } }]);
  });

  it('updates name and description, not a deleted instance', () => {
    spec.given(running).when({ type: 'UpdateInstance', data: { instanceId, name: 'New', description: 'd' } })
      .then([{ type: 'InstanceUpdated', data: { instanceId, name: 'New', description: 'd' } }]);
    spec.given(running).when({ type: 'UpdateInstance', data: { instanceId, name: 'Harare shop' } }).then([]);
    const deleted = [...running, { type: 'InstanceDeletionRequested', data: { instanceId, gracePeriodSeconds: 0, reason: 'x' } }, { type: 'InstanceDeleted', data: { instanceId } }] as InstanceEvent[];
    spec.given(deleted).when({ type: 'UpdateInstance', data: { instanceId, name: 'N' } }).thenThrows(DomainError, /deleted/);
    spec.given(deleted).when({ type: 'StartInstance', data: { instanceId } }).thenThrows(DomainError, /deleted/);
  });

  it('deletes a running, stopped or failed instance once', () => {
    const command: InstanceCommand = { type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 60, reason: 'bye' } };
    const deletion: InstanceEvent = { type: 'InstanceDeletionRequested', data: { instanceId, gracePeriodSeconds: 60, reason: 'bye' } };
    spec.given(running).when(command).then([deletion]);
    spec.given(stopped).when(command).then([deletion]);
    spec.given([requested, { type: 'InstanceProvisioningFailed', data: { instanceId, reason: 'r', failedStep: 's' } }]).when(command).then([deletion]);
    spec.given([...running, deletion]).when(command).then([]);
    spec.given([requested]).when(command).thenThrows(DomainError, /while it is provisioning/);
  });

  it('records health changes at most once per change of state', () => {
    const crash: InstanceCommand = { type: 'RecordInstanceHealth', data: { instanceId, health: 'crashed', detail: 'exit 137', exitCode: 137, oomKilled: true } };
    const crashed: InstanceEvent = { type: 'InstanceCrashed', data: { instanceId, detail: 'exit 137', exitCode: 137, oomKilled: true } };
    spec.given(running).when(crash).then([crashed]);
    spec.given([...running, crashed]).when(crash).then([]);
    spec.given([...running, crashed]).when({ type: 'RecordInstanceHealth', data: { instanceId, health: 'healthy', detail: 'ok' } })
      .then([{ type: 'InstanceRecovered', data: { instanceId, detail: 'ok' } }]);
    spec.given(running).when({ type: 'RecordInstanceHealth', data: { instanceId, health: 'healthy', detail: 'ok' } }).then([]);
    spec.given(running).when({ type: 'RecordInstanceHealth', data: { instanceId, health: 'unhealthy', detail: '503' } })
      .then([{ type: 'InstanceBecameUnhealthy', data: { instanceId, detail: '503' } }]);
    spec.given(stopped).when(crash).then([]);
  });

  describe('restore hold (no second restore, nor any lifecycle operation, while one runs)', () => {
    const restoreId = '01900000-0000-7000-8000-0000000000c3';
    const otherRestoreId = '01900000-0000-7000-8000-0000000000c4';
    const backupId = '01900000-0000-7000-8000-0000000000d5';
    const begin = (id = restoreId): InstanceCommand => ({ type: 'BeginInstanceRestore', data: { instanceId, restoreId: id, backupId } });
    const started: InstanceEvent = { type: 'InstanceRestoreStarted', data: { instanceId, restoreId, backupId } };
    const restoring = [...running, started];

    it('holds a running or stopped instance for a restore, once per restore', () => {
      spec.given(running).when(begin()).then([started]);
      spec.given(stopped).when(begin()).then([started]);
      spec.given(restoring).when(begin()).then([]);
    });

    it('refuses a second restore and every lifecycle operation while a restore runs', () => {
      spec.given(restoring).when(begin(otherRestoreId)).thenThrows(DomainError, /a restore is still in progress/);
      for (const command of [
        { type: 'StartInstance', data: { instanceId } }, { type: 'StopInstance', data: { instanceId } },
        { type: 'RestartInstance', data: { instanceId } }, { type: 'ResizeInstance', data: { instanceId, plan: 'business' } },
        { type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 0, reason: 'x' } },
      ] as InstanceCommand[]) {
        spec.given(restoring).when(command).thenThrows(DomainError, /restore is still in progress/);
      }
      spec.given(restoring).when({ type: 'UpdateInstance', data: { instanceId, name: 'Renamed' } })
        .then([{ type: 'InstanceUpdated', data: { instanceId, name: 'Renamed' } }]);
    });

    it('refuses a restore while another operation runs or the instance is not running or stopped', () => {
      const stopping = [...running, { type: 'InstanceStopRequested', data: { instanceId } }] as InstanceEvent[];
      spec.given(stopping).when(begin()).thenThrows(DomainError, /a stop is still in progress/);
      spec.given([requested]).when(begin()).thenThrows(DomainError, /while it is provisioning/);
      const deleting = [...running, { type: 'InstanceDeletionRequested', data: { instanceId, gracePeriodSeconds: 60, reason: 'x' } }] as InstanceEvent[];
      spec.given(deleting).when(begin()).thenThrows(DomainError, /while it is deleting/);
      spec.given([]).when(begin()).thenThrows(NotFoundError);
    });

    it('is released by its own restore\'s outcome only, once', () => {
      const restored: InstanceEvent = { type: 'InstanceRestored', data: { instanceId, restoreId } };
      const failed: InstanceEvent = { type: 'InstanceRestoreFailed', data: { instanceId, restoreId, reason: 'checksum' } };
      spec.given(restoring).when({ type: 'RecordInstanceRestored', data: { instanceId, restoreId } }).then([restored]);
      spec.given([...restoring, restored]).when({ type: 'RecordInstanceRestored', data: { instanceId, restoreId } }).then([]);
      spec.given(restoring).when({ type: 'RecordInstanceRestoreFailed', data: { instanceId, restoreId, reason: 'checksum' } }).then([failed]);
      // A refused second restore reports its failure: the first one keeps its hold.
      spec.given(restoring).when({ type: 'RecordInstanceRestoreFailed', data: { instanceId, restoreId: otherRestoreId, reason: 'busy' } }).then([]);
      spec.given(running).when({ type: 'RecordInstanceRestored', data: { instanceId, restoreId } }).then([]);
      spec.given([...restoring, restored]).when({ type: 'StopInstance', data: { instanceId } }).then([{ type: 'InstanceStopRequested', data: { instanceId } }]);
      spec.given([...restoring, failed]).when(begin(otherRestoreId)).then([{ type: 'InstanceRestoreStarted', data: { instanceId, restoreId: otherRestoreId, backupId } }]);
    });

    it('ignores health reports while the restore recreates the container', () => {
      spec.given(restoring).when({ type: 'RecordInstanceHealth', data: { instanceId, health: 'crashed', detail: 'exit 0', exitCode: 0 } }).then([]);
    });
  });
});
