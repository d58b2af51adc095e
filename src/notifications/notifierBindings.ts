import { healthAlertEndTypes, healthAlertStartTypes } from './healthAlertEvents';
import { notificationRules } from './notificationRules';

export const notifierGroup = 'notifier';

/** Every event type the `notifier` group handles: the mails of notificationRules, and the starts
 * and ends of health episodes (parked, then mailed by the sweeper if they last). */
export const notifierEventTypes: readonly string[] = [...new Set([...Object.keys(notificationRules), ...healthAlertStartTypes, ...healthAlertEndTypes])];

/** The group's queue bindings, `*.<EventType>`: the consumer declares exactly these, and the message
 * catalogue documents them from here. */
export const notifierRoutingKeys: readonly string[] = notifierEventTypes.map((type) => `*.${type}`);
