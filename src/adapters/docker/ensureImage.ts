import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';

/** Pulls the image when it is not on the engine yet (production: odoo:17 on first provision). */
export async function ensureImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}
