import { paynowSettingsFromConfig } from '../../../src/adapters/paynow/paynowSettingsFromConfig';
import { loadConfig } from '../../../src/config';

describe('Paynow settings from the configuration', () => {
  it('are absent by default: billing is off', () => {
    expect(paynowSettingsFromConfig(loadConfig({}))).toBeNull();
  });

  it('come whole from the environment', () => {
    const config = loadConfig({
      PAYNOW_INTEGRATION_ID: '1201', PAYNOW_INTEGRATION_KEY: 'a-key', PAYNOW_BASE_URL: 'http://paynow-simulator:8090',
      PAYNOW_RESULT_URL: 'http://api:8080/api/v1/billing/paynow/result', PAYNOW_RETURN_URL: 'http://127.0.0.1:8080/billing',
      PAYNOW_CURRENCY: 'ZWG', PAYNOW_AUTH_EMAIL: 'merchant@example.co.zw',
    });
    expect(paynowSettingsFromConfig(config)).toEqual({
      integrationId: '1201', integrationKey: 'a-key', baseUrl: 'http://paynow-simulator:8090',
      resultUrl: 'http://api:8080/api/v1/billing/paynow/result', returnUrl: 'http://127.0.0.1:8080/billing',
      authEmail: 'merchant@example.co.zw', timeoutMs: 15_000, currency: 'ZWG',
    });
  });

  it('refuse half an integration, naming what is missing and not the key', () => {
    const config = loadConfig({ PAYNOW_INTEGRATION_KEY: 'a-secret-key', PAYNOW_RESULT_URL: 'https://api.example.co.zw/result' });
    expect(() => paynowSettingsFromConfig(config)).toThrow('set PAYNOW_INTEGRATION_ID, PAYNOW_RETURN_URL too');
    expect(() => paynowSettingsFromConfig(config)).not.toThrow(/a-secret-key/);
  });

  it('refuse URLs that are not http(s) and a currency Paynow does not take', () => {
    expect(() => loadConfig({ PAYNOW_RESULT_URL: 'javascript:alert(1)' })).toThrow(/PAYNOW_RESULT_URL: must be an http\(s\) URL/);
    expect(() => loadConfig({ PAYNOW_CURRENCY: 'ZWL' })).toThrow(/PAYNOW_CURRENCY/);
  });
});
