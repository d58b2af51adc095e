export interface SagaLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface SagaRuntimeSettings {
  /** Attempts of a step with transient errors before compensating (a step may override). */
  maxAttempts: number;
  retryBaseMs: number;
  /** How long an open breaker pauses a saga. */
  pauseMs: number;
  /** Test only: `<step>` fails that step after its work (permanent), `<step>:hang` hangs there. */
  faultInjectStep?: string;
  now?: () => Date;
  logger?: SagaLogger;
}
