/**
 * The network graph of the social map, drawn as SVG on the server: each network a hub on a ring,
 * its member organisations around it, the coordinator linked to every network it coordinates.
 * Pure: plain data in, markup out; every label escaped here.
 */
export interface GraphNetwork {
  id: string;
  label: string;
  coordinatorId: string | null;
  memberIds: string[];
}

export interface GraphOrg {
  id: string;
  label: string;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const round = (n: number) => Math.round(n * 10) / 10;

export function renderNetworkGraph(
  networks: readonly GraphNetwork[],
  orgs: readonly GraphOrg[],
  title: string,
): string {
  const size = 900;
  const centre = size / 2;
  const ring = size * 0.3;
  const orgRadius = 3;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const hubs = networks.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, networks.length) - Math.PI / 2;
    return { network: n, x: centre + ring * Math.cos(angle), y: centre + ring * Math.sin(angle), angle };
  });
  const parts: string[] = [];
  const coordinators = new Map<string, { x: number; y: number; label: string }>();
  for (const hub of hubs) {
    const members = hub.network.memberIds.filter((id) => byId.has(id));
    const spread = 50 + Math.min(60, members.length * 1.2);
    members.forEach((id, j) => {
      const a = hub.angle + (2 * Math.PI * j) / Math.max(1, members.length);
      const x = hub.x + spread * Math.cos(a);
      const y = hub.y + spread * Math.sin(a);
      parts.push(
        `<line class="edge" x1="${round(hub.x)}" y1="${round(hub.y)}" x2="${round(x)}" y2="${round(y)}"></line>`,
      );
      parts.push(
        `<circle class="org" cx="${round(x)}" cy="${round(y)}" r="${orgRadius}">` +
          `<title>${escape(byId.get(id)?.label ?? '')}</title></circle>`,
      );
    });
    const coordinator = hub.network.coordinatorId ? byId.get(hub.network.coordinatorId) : undefined;
    if (coordinator && !coordinators.has(coordinator.id))
      coordinators.set(coordinator.id, { x: centre, y: centre, label: coordinator.label });
    if (coordinator)
      parts.push(
        `<line class="edge edge-coordinator" x1="${centre}" y1="${centre}" ` +
          `x2="${round(hub.x)}" y2="${round(hub.y)}"></line>`,
      );
  }
  for (const hub of hubs) {
    const label = escape(hub.network.label);
    const anchor = Math.cos(hub.angle) > 0.2 ? 'start' : Math.cos(hub.angle) < -0.2 ? 'end' : 'middle';
    const dx = anchor === 'start' ? 14 : anchor === 'end' ? -14 : 0;
    parts.push(
      `<g class="hub"><circle class="network" cx="${round(hub.x)}" cy="${round(hub.y)}" r="11">` +
        `<title>${label}</title></circle>` +
        `<text x="${round(hub.x + dx)}" y="${round(hub.y - 16)}" text-anchor="${anchor}">${label}</text></g>`,
    );
  }
  for (const c of coordinators.values()) {
    parts.push(
      `<g class="hub"><circle class="coordinator" cx="${c.x}" cy="${c.y}" r="14">` +
        `<title>${escape(c.label)}</title></circle>` +
        `<text x="${c.x}" y="${c.y + 32}" text-anchor="middle">${escape(c.label)}</text></g>`,
    );
  }
  return (
    `<svg class="graph" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escape(title)}" ` +
    `xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`
  );
}
