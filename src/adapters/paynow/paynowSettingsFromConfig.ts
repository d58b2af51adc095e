import type { Config } from '../../config';
import type { PaynowSettings } from './paynowSettings';

export type PaynowConfig = Pick<Config,
  'PAYNOW_INTEGRATION_ID' | 'PAYNOW_INTEGRATION_KEY' | 'PAYNOW_BASE_URL' | 'PAYNOW_RESULT_URL' | 'PAYNOW_RETURN_URL'
  | 'PAYNOW_CURRENCY' | 'PAYNOW_AUTH_EMAIL' | 'PAYNOW_TIMEOUT_MS'>;

/** The Paynow settings, or null when no integration is configured (billing off). A half-configured
 * integration stops the start with what is missing, rather than failing at the first payment. */
export function paynowSettingsFromConfig(config: PaynowConfig): PaynowSettings | null {
  if (!config.PAYNOW_INTEGRATION_ID && !config.PAYNOW_INTEGRATION_KEY) return null;
  const missing = (['PAYNOW_INTEGRATION_ID', 'PAYNOW_INTEGRATION_KEY', 'PAYNOW_RESULT_URL', 'PAYNOW_RETURN_URL'] as const)
    .filter((key) => !config[key]);
  if (missing.length > 0) {
    throw new Error(`Paynow is half configured: set ${missing.join(', ')} too, or leave PAYNOW_INTEGRATION_ID and PAYNOW_INTEGRATION_KEY empty to run without billing`);
  }
  return {
    integrationId: config.PAYNOW_INTEGRATION_ID,
    integrationKey: config.PAYNOW_INTEGRATION_KEY,
    baseUrl: config.PAYNOW_BASE_URL,
    resultUrl: config.PAYNOW_RESULT_URL,
    returnUrl: config.PAYNOW_RETURN_URL,
    ...(config.PAYNOW_AUTH_EMAIL ? { authEmail: config.PAYNOW_AUTH_EMAIL } : {}),
    timeoutMs: config.PAYNOW_TIMEOUT_MS,
    currency: config.PAYNOW_CURRENCY,
  };
}
