/**
 * Areas of the social map: recording surveys (staff, or members of a verified partner
 * organisation), and an area page that brings together its organisations by role and issue, its
 * surveys, and what is needed against what is offered there.
 */
import mongoose from 'mongoose';
import { Survey } from './survey.model.js';
import { Organisation } from './organisation.model.js';
import { myOrganisations, socialMap } from './organisation.service.js';
import { geography, isConsistentArea, type AreaRef, type Geography } from './geography.js';
import type { OrgCard } from './social-map.js';
import { ISSUES, ORG_ROLES, RESOURCE_KINDS, type AssetKind, type Issue, type ResourceKind } from './vocabulary.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { hasRole, isMember, type Actor } from '../../shared/actor.js';

/** An area from its code: 2 digits a province, 4 a district, 6 a sub-district. */
export function areaFromCode(geo: Geography, code: string): AreaRef | null {
  if (/^\d{2}$/.test(code) && geo.province(code)) return { provinceCode: code };
  if (/^\d{4}$/.test(code)) {
    const d = geo.district(code);
    return d ? { provinceCode: d.provinceCode, districtCode: code } : null;
  }
  if (/^\d{6}$/.test(code)) {
    const s = geo.subDistrict(code);
    return s ? { provinceCode: s.provinceCode, districtCode: s.districtCode, subDistrictCode: code } : null;
  }
  return null;
}

/** Whether a place lies within an area (a sub-district within its district, …). */
export function within(place: AreaRef, area: AreaRef): boolean {
  if (place.provinceCode !== area.provinceCode) return false;
  if (area.districtCode && place.districtCode !== area.districtCode) return false;
  if (area.subDistrictCode && place.subDistrictCode !== area.subDistrictCode) return false;
  return true;
}

export interface SurveyInput {
  area: AreaRef;
  surveyedOn: Date;
  title: string;
  assets: AssetKind[];
  potentialText: string;
  problemIssues: Issue[];
  problemsText: string;
  groupsCount: number;
  leadersCount: number;
  socialCapitalText: string;
  needKinds: ResourceKind[];
  needsText: string;
  byOrgId?: string | undefined;
}

/** Staff, or a member of a verified organisation (a partner), may record surveys. */
async function assertCanSurvey(actor: Actor, byOrgId: string | undefined): Promise<void> {
  if (!actor) throw new ForbiddenError();
  if (hasRole(actor, 'staff', 'admin')) return;
  if (!byOrgId || !mongoose.isValidObjectId(byOrgId)) throw new ForbiddenError('directory.surveyPartnersOnly');
  const org = await Organisation.findById(byOrgId, { memberUserIds: 1, verified: 1 }).lean();
  if (!org?.verified || !isMember(actor, org.memberUserIds)) throw new ForbiddenError('directory.surveyPartnersOnly');
}

/**
 * What a survey form for an area needs: the area itself (an unknown code is not found) and the
 * verified organisations the person belongs to, for whom they may record it.
 */
export async function surveyFormFor(
  actor: { id: string },
  code: string,
): Promise<{ geo: Geography; area: AreaRef; partnerOrgs: OrgCard[] }> {
  const geo = await geography();
  const area = areaFromCode(geo, code);
  if (!area) throw new NotFoundError('directory.areaNotFound');
  const partnerOrgs = (await myOrganisations(actor)).filter((o) => o.verified);
  return { geo, area, partnerOrgs };
}

export async function recordSurvey(actor: Actor, input: SurveyInput): Promise<string> {
  await assertCanSurvey(actor, input.byOrgId);
  const geo = await geography();
  if (!isConsistentArea(geo, input.area))
    throw new ValidationError({ provinceCode: { key: 'directory.badArea' } }, 'directory.badArea');
  if (input.surveyedOn.getTime() > Date.now() + 86_400_000)
    throw new ValidationError({ surveyedOn: { key: 'donations.receivedInFuture' } });
  const survey = await Survey.create({ ...input, recordedBy: actor?.id, byOrgId: input.byOrgId || undefined });
  return survey._id.toString();
}

export interface AreaView {
  code: string;
  area: AreaRef;
  name: { th: string; en: string };
  parent: { code: string; name: { th: string; en: string } } | null;
  children: { code: string; name: { th: string; en: string }; organisations: number }[];
  organisations: OrgCard[];
  byRole: { role: string; count: number }[];
  byIssue: { issue: string; count: number }[];
  needsVsOffers: { kind: ResourceKind; needed: number; offered: number }[];
  surveys: {
    id: string;
    title: string;
    surveyedOn: Date;
    placeCode: string;
    assets: string[];
    problemIssues: string[];
    needKinds: string[];
    potentialText: string;
    problemsText: string;
    socialCapitalText: string;
    needsText: string;
    groupsCount: number;
    leadersCount: number;
  }[];
}

const placesOf = (c: OrgCard): AreaRef[] => [c.home, ...c.areasServed];

export async function areaView(code: string): Promise<AreaView> {
  const geo = await geography();
  const area = areaFromCode(geo, code);
  if (!area) throw new NotFoundError('directory.areaNotFound');
  const province = geo.province(area.provinceCode);
  const district = area.districtCode ? geo.district(area.districtCode) : undefined;
  const sub = area.subDistrictCode ? geo.subDistrict(area.subDistrictCode) : undefined;
  const place = sub ?? district ?? province;
  const parentPlace = sub ? district : district ? province : undefined;
  const cards = await socialMap();
  const here = cards.filter((c) => placesOf(c).some((p) => within(p, area)));
  const childPlaces = sub ? [] : district ? geo.subDistrictsOf(district.code) : geo.districtsOf(area.provinceCode);
  const children = childPlaces.map((p) => {
    const child = areaFromCode(geo, p.code) as AreaRef;
    return {
      code: p.code,
      name: { th: p.th, en: p.en },
      organisations: here.filter((c) => within(c.home, child)).length,
    };
  });
  const surveys = (
    await Survey.find({ 'area.provinceCode': area.provinceCode }).sort({ surveyedOn: -1 }).limit(200).lean()
  ).filter((s) =>
    within(
      {
        provinceCode: s.area?.provinceCode ?? '',
        districtCode: s.area?.districtCode ?? undefined,
        subDistrictCode: s.area?.subDistrictCode ?? undefined,
      },
      area,
    ),
  );
  return {
    code,
    area,
    name: { th: place?.th ?? '', en: place?.en ?? '' },
    parent: parentPlace ? { code: parentPlace.code, name: { th: parentPlace.th, en: parentPlace.en } } : null,
    children,
    organisations: here,
    byRole: ORG_ROLES.map((role) => ({ role, count: here.filter((c) => c.roles.includes(role)).length })),
    byIssue: ISSUES.map((issue) => ({ issue, count: here.filter((c) => c.issues.includes(issue)).length }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count),
    needsVsOffers: RESOURCE_KINDS.map((kind) => ({
      kind,
      needed:
        here.filter((c) => c.needs.some((n) => n.kind === kind)).length +
        surveys.filter((s) => (s.needKinds ?? []).includes(kind)).length,
      offered: here.filter((c) => c.offers.some((o) => o.kind === kind)).length,
    })),
    surveys: surveys.map((s) => ({
      id: String(s._id),
      title: s.title,
      surveyedOn: s.surveyedOn,
      placeCode: s.area?.subDistrictCode ?? s.area?.districtCode ?? s.area?.provinceCode ?? '',
      assets: s.assets ?? [],
      problemIssues: s.problemIssues ?? [],
      needKinds: s.needKinds ?? [],
      potentialText: s.potentialText ?? '',
      problemsText: s.problemsText ?? '',
      socialCapitalText: s.socialCapitalText ?? '',
      needsText: s.needsText ?? '',
      groupsCount: s.groupsCount ?? 0,
      leadersCount: s.leadersCount ?? 0,
    })),
  };
}
