import type { LadderConfig } from '#config';

/** Calls Ladder's API with the admin token, as a manager's tools would. */
export async function api<Body>(config: LadderConfig, path: string, method = 'GET'): Promise<Body> {
  const response = await fetch(`${config.publicUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${config.adminToken}` },
  });
  if (!response.ok) throw new Error(`${method} ${path} answered HTTP ${response.status}`);
  return (await response.json()) as Body;
}
