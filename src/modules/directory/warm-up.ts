/**
 * What the directory's pages build once per process, built at start before the server listens, so
 * the first visitor does not wait for it: Thai geography (from the thai-address-universal tables),
 * the tags' search labels, the networks and the social map with its orders and matching index.
 */
import { geography } from './geography.js';
import { searchLabels } from './vocabulary-labels.js';
import { listNetworks } from './network.service.js';
import { warmSocialMap } from './social-map.store.js';

export async function warmDirectory(): Promise<void> {
  searchLabels();
  await Promise.all([geography(), warmSocialMap()]);
  await listNetworks();
}
