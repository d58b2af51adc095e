/** The Odoo versions the platform knows how to initialise and run (init flags and the config file
 * differ between majors, so supporting one is a change of code, not of config). Where each version's
 * image comes from is config (ODOO_IMAGES). */
export const supportedOdooVersions = ['17.0', '18.0'] as const;
export type OdooVersion = (typeof supportedOdooVersions)[number];

export type OdooImageCatalogue = Readonly<Record<OdooVersion, string>>;

export const defaultOdooImages: OdooImageCatalogue = { '17.0': 'odoo:17', '18.0': 'odoo:18' };

/** ODOO_IMAGES (JSON `{"17.0": "odoo:17", …}`) over the defaults; an unsupported version is refused. */
export function parseOdooImages(json: string): OdooImageCatalogue {
  const given = JSON.parse(json) as Record<string, unknown>;
  for (const [version, image] of Object.entries(given)) {
    if (!(supportedOdooVersions as readonly string[]).includes(version)) {
      throw new Error(`ODOO_IMAGES.${version} is not a supported Odoo version (${supportedOdooVersions.join(', ')})`);
    }
    if (typeof image !== 'string' || image.trim() === '') throw new Error(`ODOO_IMAGES.${version} must be an image reference`);
  }
  return { ...defaultOdooImages, ...(given as Partial<Record<OdooVersion, string>>) };
}
