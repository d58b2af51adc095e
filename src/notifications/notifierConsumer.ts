import type { Logger } from 'pino';
import type { BusEventHandler, EventConsumerDefinition, EventHandlerContext } from '../ports/eventConsumer';
import { PermanentMessageError } from '../ports/eventConsumer';
import type { EventStore, RecordedEvent } from '../ports/eventStore';
import { deliverNotification, TransientDeliveryError, type DeliveryDeps } from './deliverNotification';
import { cancelHealthAlert, healthAlertEndTypes, healthAlertStartTypes, scheduleHealthAlert } from './healthAlertEvents';
import { notifierGroup, notifierRoutingKeys } from './notifierBindings';
import type { NotifierLookups } from './notifierLookups';
import { notificationRules, type NotificationRule, type RuleSettings } from './notificationRules';
import { TemplateVariablesError } from './templates/renderMail';

export interface NotifierConsumerDeps {
  delivery: DeliveryDeps;
  /** Where each event is read from: messages on the bus only point at it (docs/decisions/027). */
  events: Pick<EventStore, 'readStream'>;
  lookups: NotifierLookups;
  settings: RuleSettings;
  /** Qualified pending_health_alerts table. */
  healthAlertTable: string;
  unhealthyAfterMs: number;
  concurrency?: number;
  logger?: Logger;
}

/** Retried by the bus with its backoff; never a secret in the message (it lands in x-last-error). */
class ReadModelsBehindError extends Error {
  constructor(eventId: string) {
    super(`read models have not reached event ${eventId} yet`);
    this.name = 'ReadModelsBehindError';
  }
}

/** The `notifier` consumer group: each mail-worthy event becomes one mail per recipient, recorded
 * on its notification stream; health episodes are parked until they last long enough. */
export function notifierConsumer(deps: NotifierConsumerDeps): EventConsumerDefinition {
  const log = deps.logger?.child({ component: 'notifier' });
  const handlers: Record<string, BusEventHandler> = {};
  for (const [type, rule] of Object.entries(notificationRules)) handlers[type] = (event, context) => mail(rule, event, context);
  for (const type of healthAlertStartTypes) handlers[type] = (event, { tx }) => scheduleHealthAlert(tx, deps.healthAlertTable, event, deps.unhealthyAfterMs);
  for (const type of healthAlertEndTypes) {
    // A type may both end an episode and be mailed about (deletion): cancel, then mail.
    const mailing = handlers[type];
    handlers[type] = async (event, context) => {
      await cancelHealthAlert(context.tx, deps.healthAlertTable, event);
      await mailing?.(event, context);
    };
  }

  async function mail(rule: NotificationRule, event: RecordedEvent, context: EventHandlerContext): Promise<void> {
    // Recipients come from read models, which may not have applied this event yet.
    if (!(await deps.lookups.readModelsReached(event.position))) throw new ReadModelsBehindError(event.eventId);
    const plan = await rule.plan(event, deps.lookups, deps.settings);
    if (plan.kind === 'skip') {
      log?.info({ eventId: event.eventId, type: event.type, reason: plan.reason }, 'nothing to mail');
      return;
    }
    let transient: TransientDeliveryError | null = null;
    for (const recipient of plan.recipients) {
      try {
        await deliverNotification(deps.delivery, {
          template: plan.template ?? rule.template, variables: plan.variables, recipient, attempt: context.attempt, lastAttempt: context.lastAttempt,
          source: {
            eventId: event.eventId, eventType: event.type,
            ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
            ...(event.metadata.tenantId ? { tenantId: event.metadata.tenantId } : {}),
          },
        });
      } catch (error) {
        if (error instanceof TemplateVariablesError) throw new PermanentMessageError(error.message, { cause: error });
        if (!(error instanceof TransientDeliveryError)) throw error;
        // The others still get theirs now; the retry finds them recorded and sends only the rest.
        transient = error;
      }
    }
    if (transient) throw transient;
    // Every recipient has its mail: the raw token is not needed any more (decision 010).
    if (plan.tokenReference) await deps.lookups.forgetToken(plan.tokenReference);
  }

  // Mails carry reset, verification and invitation tokens to addresses taken from the event: a body
  // anyone could publish on platform.events must not choose them.
  return { group: notifierGroup, handlers, routingKeys: [...notifierRoutingKeys], concurrency: deps.concurrency ?? 4, trustedSource: deps.events };
}
