/**
 * Seeds the Surin networks: the association, its 10 networks and 177 member organisations.
 * Every record has an id derived from a stable key, so a second run (or two at once) inserts
 * nothing twice: the unique _id refuses the copy.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { Organisation } from '../src/modules/directory/organisation.model.js';
import { Network } from '../src/modules/directory/network.model.js';
import { geography } from '../src/modules/directory/geography.js';
import { keywordsOf } from '../src/modules/directory/keywords.js';
import { nameKey } from '../src/modules/directory/organisation.service.js';
import { isDuplicateKeyError } from '../src/shared/errors.js';
import { SAMPLE_VILLAGES, SURIN_ASSOCIATION, SURIN_NETWORKS, SURIN_PROVINCE, splitTotal } from './surin.data.js';

export function seedId(key: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(`seed:${key}`).digest('hex').slice(0, 24));
}

async function insertMissing(
  model: typeof Organisation | typeof Network,
  docs: Record<string, unknown>[],
): Promise<number> {
  const ids = docs.map((d) => d._id);
  const existing = new Set(
    (await (model as typeof Organisation).find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((d) => String(d._id)),
  );
  let created = 0;
  for (const doc of docs.filter((d) => !existing.has(String(d._id)))) {
    try {
      await (model as typeof Organisation).create(doc);
      created += 1;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return created;
}

export async function seedSurinNetworks(): Promise<{ organisationsCreated: number; networksCreated: number }> {
  const geo = await geography();
  const districts = geo.districtsOf(SURIN_PROVINCE).filter((d) => !d.assignedCode);
  const place = (i: number) => {
    const district = districts[i % districts.length];
    const sub = district
      ? geo.subDistrictsOf(district.code)[
          Math.floor(i / districts.length) % Math.max(1, geo.subDistrictsOf(district.code).length)
        ]
      : undefined;
    return { provinceCode: SURIN_PROVINCE, districtCode: district?.code, subDistrictCode: sub?.code };
  };

  const associationId = seedId('surin:association');
  const networks = SURIN_NETWORKS.map((n) => ({
    _id: seedId(`surin:network:${n.slug}`),
    slug: n.slug,
    name: { th: n.th, en: n.en },
    coordinatorOrgId: associationId,
    issues: n.issues,
    provinceCode: SURIN_PROVINCE,
    individualMembers: n.members,
  }));
  const networksCreated = await insertMissing(Network, networks);

  const association = {
    _id: associationId,
    name: SURIN_ASSOCIATION,
    nameKey: nameKey(SURIN_ASSOCIATION.th, SURIN_PROVINCE),
    type: 'association',
    roles: ['supporter', 'recipient'],
    issues: [
      'civic_participation',
      'community_economy',
      'elderly',
      'children_youth',
      'environment',
      'culture',
      'media',
    ],
    targetGroups: ['general_public', 'elderly', 'youth', 'farmers'],
    description:
      'ศูนย์ประสานงานเครือข่ายองค์กรชุมชน จ.สุรินทร์ ที่จดทะเบียนเป็นสมาคม รวมพลังสร้างสรรค์เพื่อการพัฒนาตนเองตามวิถีชุมชน บนพื้นฐานของความพอเพียง ประสานงาน ๑๐ เครือข่าย ๑๗๗ องค์กร สมาชิก ๒๓,๔๐๓ คน',
    home: place(0),
    areasServed: [{ provinceCode: SURIN_PROVINCE }],
    offers: [{ kind: 'training' }, { kind: 'expertise', note: 'การพัฒนาเครือข่ายองค์กรชุมชน' }, { kind: 'venue' }],
    needs: [{ kind: 'money', note: 'เวทีแลกเปลี่ยนเรียนรู้และค่ายอบรมผู้นำ' }],
    members: 0,
    verified: true,
    // It coordinates the networks rather than belonging to them: it is not one of the 177.
    networkIds: [] as mongoose.Types.ObjectId[],
  };

  const organisations: Record<string, unknown>[] = [association];
  let index = 0;
  for (const network of SURIN_NETWORKS) {
    const counts = splitTotal(network.members, network.organisations);
    counts.forEach((members, i) => {
      const village = SAMPLE_VILLAGES[(index + i) % SAMPLE_VILLAGES.length] as string;
      const th =
        network.orgType === 'network'
          ? `${network.orgPrefix} ${districts[i % districts.length]?.th ?? ''}`.trim()
          : `${network.orgPrefix}${village} (${i + 1})`;
      organisations.push({
        _id: seedId(`surin:${network.slug}:${i + 1}`),
        name: { th, en: '' },
        nameKey: nameKey(th, SURIN_PROVINCE),
        type: network.orgType,
        roles: ['recipient'],
        issues: network.issues,
        targetGroups: network.targetGroups,
        description: `องค์กรสมาชิกของ${network.th} (ข้อมูลตัวอย่าง)`,
        home: place(index + i),
        areasServed: [],
        offers:
          network.slug === 'surin-environment-volunteers'
            ? [{ kind: 'volunteers', capacity: Math.round(members / 4) }]
            : [],
        needs: [
          { kind: 'money' },
          ...(network.issues.includes('elderly') ? [{ kind: 'volunteers' }] : []),
          ...(network.issues.includes('children_youth') ? [{ kind: 'training' }] : []),
        ],
        members,
        networkIds: [seedId(`surin:network:${network.slug}`)],
        sample: true,
        keywords: keywordsOf(th, network.th),
      });
    });
    index += network.organisations;
  }
  (association as Record<string, unknown>).keywords = keywordsOf(
    SURIN_ASSOCIATION.th,
    SURIN_ASSOCIATION.en,
    association.description,
  );
  const organisationsCreated = await insertMissing(Organisation, organisations);
  return { organisationsCreated, networksCreated };
}
