/** Port: secrets the platform generates (instance database passwords), encrypted at rest and only
 * ever referred to by `reference` in events, logs and errors. */
export interface SecretStore {
  /** The secret under `reference`, generated and stored on first use; the same value afterwards, so
   * a saga step retried after a crash reuses the password it set before. */
  ensure(reference: string, generate: () => string): Promise<string>;
  read(reference: string): Promise<string | null>;
  /** Stores `value` under `reference`, over whatever was there (a rotated password). */
  replace(reference: string, value: string): Promise<void>;
  remove(reference: string): Promise<void>;
}
