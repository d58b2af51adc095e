import { Readable } from 'node:stream';
import { z } from 'zod';
import type { EventStore } from '../../../ports/eventStore';
import { ForbiddenError } from '../../../commands/identity/identityErrors';
import type { Principal } from '../../../domain/authorization/principal';
import { notificationCategories, optionalCategories, type NotificationCategory } from '../../../notifications/notificationCategories';
import { changeNotificationPreferences, readNotificationPreferences, type NotificationPreferences } from '../../../notifications/notificationPreferences';
import { verifyUnsubscribeToken } from '../../../notifications/unsubscribeToken';
import { apiRoute, type RouteInput } from '../apiRoute';
import { HttpError, RequestValidationError } from '../httpErrors';

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
  const verifiedClaim = (token: string) => {
    const claim = verifyUnsubscribeToken(deps.unsubscribeKey, token);
    if (!claim) throw new HttpError(400, 'invalid-unsubscribe-token', 'Invalid unsubscribe link', 'This unsubscribe link is not valid; change your settings after signing in instead.');
    return claim;
  };
  const unsubscribe = async (token: string, input: RouteInput<unknown, unknown, unknown>) => {
    const claim = verifiedClaim(token);
    const current = await readNotificationPreferences(deps.store, claim.userId);
    // Posting twice (a retried one-click) changes nothing more.
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
      summary: 'The unsubscribe link of a mail (List-Unsubscribe): a page asking to confirm, which changes nothing by itself '
        + '(mail scanners and link previews open links). Signed, no sign-in needed; 400 for a forged or broken link.',
      query: z.strictObject({ token: tokenSchema }), authorize: () => ({ kind: 'public' }), responses: { 200: 'The confirmation page (HTML)' },
      async handle(input) {
        const claim = verifiedClaim(input.query.token);
        return {
          status: 200, stream: Readable.from([confirmationPage(input.query.token, notificationCategories[claim.category].label)]),
          headers: {
            'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer',
            'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
          },
        };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/notifications/unsubscribe', operationId: 'unsubscribe', tag: 'notifications',
      summary: 'Unsubscribe: the token in a JSON or form body (the confirmation page\'s button, the web app), or in the query with '
        + 'the form body `List-Unsubscribe=One-Click` (RFC 8058 one-click from mail clients).',
      query: z.strictObject({ token: tokenSchema.optional() }), body: unsubscribeBody, authorize: () => ({ kind: 'public' }),
      responses: { 200: 'Unsubscribed' },
      async handle(input) {
        const token = (input.body && 'token' in input.body ? input.body.token : undefined) ?? input.query.token;
        if (!token) throw new RequestValidationError('body', [{ path: 'token', message: 'give the token of the link, in the body or the query' }]);
        return unsubscribe(token, input);
      },
    }),
  ];
}

// The page's form posts `token`; a mail client's one-click posts `List-Unsubscribe=One-Click` to the
// link itself (token in the query); the web app posts JSON.
const unsubscribeBody = z.union([
  z.strictObject({ token: tokenSchema }),
  z.strictObject({ 'List-Unsubscribe': z.literal('One-Click') }),
  z.strictObject({}),
]).optional();

function confirmationPage(token: string, label: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Unsubscribe — Odoo Hosting</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem">
<h1>Stop “${escape(label)}” mails?</h1>
<p>You will no longer receive ${escape(label)} mails from Odoo Hosting. Security and billing mails are always sent. You can change this again in your notification settings.</p>
<form method="post" action="/api/v1/notifications/unsubscribe"><input type="hidden" name="token" value="${escape(token)}"><button type="submit">Unsubscribe</button></form>
</body></html>
`;
}
