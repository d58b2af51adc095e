import { usersGrantOperator } from '../../src/api/cli/usersGrantOperator';
import type { Config } from '../../src/config';
import { createCliContext, operatorGrantDeps } from '../../src/wiring/createCliContext';

/** Makes a signed-up user an operator the way an operator does it: `users grant-operator` through the
 * CLI's own wiring. The API reads the flag from the users read model, so callers wait for it there. */
export async function grantOperator(config: Config, email: string): Promise<void> {
  const cli = await createCliContext(config);
  try {
    if (!(await usersGrantOperator(await operatorGrantDeps(cli), email, () => undefined))) throw new Error(`no user ${email} to make an operator`);
  } finally {
    await cli.close();
  }
}
