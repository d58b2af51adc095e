import type { NextFunction, Request, Response } from 'express';
import type { IdentityDeps } from '../../commands/identity/identityDeps';
import { UnauthenticatedError } from '../../commands/identity/identityErrors';
import { resolveBearerToken } from '../../commands/identity/resolveBearerToken';
import { actorOf, anonymous } from '../../domain/authorization/principal';

const bearer = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

/** Express middleware: `Authorization: Bearer <session token | API key>` → req.context.principal
 * and .actor. No header = anonymous (the route's policy decides); a header that does not resolve
 * is a 401 at once, so a client learns its token died instead of seeing 404s. */
export function createAuthenticate(deps: Pick<IdentityDeps, 'sessions' | 'apiKeys' | 'users' | 'settings' | 'now'>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.header('authorization');
    if (header === undefined) {
      req.context.principal = anonymous;
      req.context.actor = actorOf(anonymous);
      next();
      return;
    }
    const token = bearer.exec(header)?.[1];
    if (!token) {
      next(new UnauthenticatedError('Malformed Authorization header; send "Bearer <token>"'));
      return;
    }
    resolveBearerToken(deps, token).then((principal) => {
      if (!principal) throw new UnauthenticatedError('The token is invalid, expired or revoked; sign in again');
      req.context.principal = principal;
      req.context.actor = actorOf(principal);
      next();
    }).catch(next);
  };
}
