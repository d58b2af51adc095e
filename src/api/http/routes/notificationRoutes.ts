import { z } from 'zod';
import type { EventStore } from '../../../adapters/eventstore/eventStore';
import { ForbiddenError } from '../../../commands/identity/identityErrors';
import type { Principal } from '../../../domain/authorization/principal';
import { notificationCategories, optionalCategories, type NotificationCategory } from '../../../notifications/notificationCategories';
import { changeNotificationPreferences, readNotificationPreferences, type NotificationPreferences } from '../../../notifications/notificationPreferences';
import { verifyUnsubscribeToken } from '../../../notifications/unsubscribeToken';
import { apiRoute, type RouteInput } from '../apiRoute';
import { HttpError } from '../httpErrors';

export interface NotificationRouteDeps {
  store: EventStore;
  /** HMAC key of unsubscribe links (startNotifier's unsubscribeKeyFromConfig). */
  unsubscribeKey: Buffer;
}

const optionalCategory = z.enum(optionalCategories as [NotificationCategory, ...NotificationCategory[]]);
const preferencesBody = z.strictObject({ optedOut: z.array(optionalCategory).max(optionalCategories.length) });
const tokenSchema = z.string().min(10).max(300);

function signedInUser(principal: Principal): string {
  if (principal.kind !== 'user') throw new ForbiddenError('only people have notification settings');
  return principal.userId;
}

/** Every category with whether the user gets it; essential ones are always on. */
function view(preferences: NotificationPreferences) {
  return {
    userId: preferences.userId,
    optedOut: preferences.optedOut,
    categories: (Object.keys(notificationCategories) as NotificationCategory[]).map((category) => ({
      category, label: notificationCategories[category].label, essential: notificationCategories[category].essential,
      subscribed: !preferences.optedOut.includes(category),
    })),
  };
}

/** Notification settings of the signed-in user, and the unsubscribe link of optional mails. */
export function notificationRoutes(deps: NotificationRouteDeps) {
  const unsubscribe = async (token: string, input: RouteInput<unknown, unknown, unknown>) => {
    const claim = verifyUnsubscribeToken(deps.unsubscribeKey, token);
    if (!claim) throw new HttpError(400, 'invalid-unsubscribe-token', 'Invalid unsubscribe link', 'This unsubscribe link is not valid; change your settings after signing in instead.');
    const current = await readNotificationPreferences(deps.store, claim.userId);
    // Opening the link twice (or a mail scanner opening it first) changes nothing more.
    if (!current.optedOut.includes(claim.category)) {
      await changeNotificationPreferences(deps.store, { userId: claim.userId, optedOut: [...current.optedOut, claim.category], via: 'unsubscribe-link' },
        { actor: claim.userId, correlationId: input.context.correlationId });
    }
    return { status: 200, body: { unsubscribed: claim.category, label: notificationCategories[claim.category].label } };
  };

  return [
    apiRoute({
      method: 'get', path: '/api/v1/me/notifications', operationId: 'getNotificationPreferences', tag: 'notifications',
      summary: 'Which mails the signed-in user receives. Security and billing mails cannot be turned off.',
      authorize: () => ({ kind: 'user' }), responses: { 200: 'Preferences' },
      async handle(input) {
        return { status: 200, body: view(await readNotificationPreferences(deps.store, signedInUser(input.context.principal))) };
      },
    }),
    apiRoute({
      method: 'put', path: '/api/v1/me/notifications', operationId: 'putNotificationPreferences', tag: 'notifications',
      summary: 'Replace the list of optional mail categories the signed-in user opted out of.',
      body: preferencesBody, authorize: () => ({ kind: 'user' }), responses: { 200: 'Preferences' },
      async handle(input) {
        const userId = signedInUser(input.context.principal);
        const { preferences, position } = await changeNotificationPreferences(deps.store, { userId, optedOut: input.body.optedOut, via: 'settings' },
          { actor: userId, correlationId: input.context.correlationId });
        return { status: 200, body: { ...view(preferences), position } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/notifications/unsubscribe', operationId: 'unsubscribeByLink', tag: 'notifications',
      summary: 'The unsubscribe link of a mail (List-Unsubscribe): opts its recipient out of that mail\'s category. Signed, no sign-in needed.',
      query: z.strictObject({ token: tokenSchema }), authorize: () => ({ kind: 'public' }), responses: { 200: 'Unsubscribed' },
      handle: (input) => unsubscribe(input.query.token, input),
    }),
    apiRoute({
      method: 'post', path: '/api/v1/notifications/unsubscribe', operationId: 'unsubscribe', tag: 'notifications',
      summary: 'Same as the link, for the web app\'s confirmation page: the token in a JSON body.',
      body: z.strictObject({ token: tokenSchema }), authorize: () => ({ kind: 'public' }), responses: { 200: 'Unsubscribed' },
      handle: (input) => unsubscribe(input.body.token, input),
    }),
  ];
}
