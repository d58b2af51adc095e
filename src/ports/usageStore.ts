export interface UsageMeasurement {
  instanceId: string;
  databaseBytes: number;
  volumeBytes: number;
  quotaBytes: number;
  measuredAt: Date;
}

/** The usage meter's latest measurement per instance: operational data (like the secrets table),
 * overwritten every round; the instance's events record only changes of level. */
export interface UsageStore {
  record(measurement: UsageMeasurement): Promise<void>;
  latest(instanceId: string): Promise<UsageMeasurement | null>;
}
