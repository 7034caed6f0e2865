/**
 * Thai geography — all 77 provinces, their districts (อำเภอ/เขต) and sub-districts (ตำบล/แขวง)
 * with Thai and English names and codes — built once per process from the thai-address-universal
 * package and kept in memory (lookups here are on every directory page and every match).
 *
 * The package's data needs three repairs, made here and nowhere else:
 * - Bueng Kan's districts (the newest province) and two districts that share a code with a
 *   neighbour have no usable code: they get a stable code assigned here, `<province>9n`, marked
 *   `assignedCode`.
 * - Some sub-districts appear twice (once per postal code, or under a district they were moved
 *   from): the first occurrence of a code is kept, postal codes merged.
 * - Sub-districts under the repaired districts are looked up by district name, not by code; where
 *   the package has none with codes (Bueng Kan's 53), they come from its plain Thai and English
 *   tables with codes assigned here too, `<district><nn>`.
 */
import { getDatabase, getDistricts, getProvinces, getSubDistricts, preload, setEngMode } from 'thai-address-universal';

export interface Place {
  code: string;
  th: string;
  en: string;
}

export interface Province extends Place {
  region: Region;
}

export interface District extends Place {
  provinceCode: string;
  assignedCode: boolean;
}

export interface SubDistrict extends Place {
  districtCode: string;
  provinceCode: string;
  postalCodes: string[];
  assignedCode: boolean;
}

interface RawRow {
  province: string;
  district: string;
  sub_district: string;
  postal_code: string;
}

/** The package's plain tables (no codes), Thai and English row by row. */
async function rawTables(): Promise<{ th: RawRow[]; en: RawRow[] }> {
  await preload();
  const th = (getDatabase() as RawRow[]).slice();
  setEngMode(true);
  await getProvinces();
  const en = (getDatabase() as RawRow[]).slice();
  setEngMode(false);
  return { th, en };
}

/** Regions by the first digit of the province code (the Interior Ministry's numbering). */
export const REGIONS = ['central', 'east', 'northeast', 'north', 'west', 'south'] as const;
export type Region = (typeof REGIONS)[number];

export function regionOfProvince(provinceCode: string): Region {
  switch (provinceCode[0]) {
    case '1':
      return 'central';
    case '2':
      return 'east';
    case '3':
    case '4':
      return 'northeast';
    case '5':
    case '6':
      return 'north';
    case '7':
      return 'west';
    default:
      return 'south';
  }
}

export interface Geography {
  provinces: Province[];
  districts: District[];
  subDistricts: SubDistrict[];
  province(code: string): Province | undefined;
  district(code: string): District | undefined;
  subDistrict(code: string): SubDistrict | undefined;
  districtsOf(provinceCode: string): District[];
  subDistrictsOf(districtCode: string): SubDistrict[];
}

const thaiOrder = new Intl.Collator('th').compare;

async function build(): Promise<Geography> {
  const provinces: Province[] = [];
  const districts: District[] = [];
  const subDistricts: SubDistrict[] = [];
  const districtByCode = new Map<string, District>();
  const subByCode = new Map<string, SubDistrict>();

  const raw = await rawTables();
  for (const p of await getProvinces()) {
    provinces.push({ code: p.code, th: p.nameTh, en: p.nameEn, region: regionOfProvince(p.code) });
    const listed = await getDistricts(p.code);
    const codeCounts = new Map<string, number>();
    for (const d of listed) codeCounts.set(d.code, (codeCounts.get(d.code) ?? 0) + 1);
    let assigned = 0;
    for (const d of listed) {
      const usable = /^\d{4}$/.test(d.code) && d.code.startsWith(p.code) && codeCounts.get(d.code) === 1;
      const code = usable ? d.code : `${p.code}9${assigned++}`;
      const district: District = { code, th: d.nameTh, en: d.nameEn, provinceCode: p.code, assignedCode: !usable };
      districts.push(district);
      districtByCode.set(code, district);
      for (const s of await getSubDistricts(usable ? d.code : d.nameTh)) {
        if (!/^\d{6}$/.test(s.code)) continue;
        const existing = subByCode.get(s.code);
        if (existing) {
          if (s.postalCode && !existing.postalCodes.includes(s.postalCode)) existing.postalCodes.push(s.postalCode);
          continue;
        }
        const sub: SubDistrict = {
          code: s.code,
          th: s.nameTh,
          en: s.nameEn,
          districtCode: code,
          provinceCode: p.code,
          postalCodes: s.postalCode ? [s.postalCode] : [],
          assignedCode: false,
        };
        subDistricts.push(sub);
        subByCode.set(s.code, sub);
      }
      if (!usable && !subDistricts.some((s) => s.districtCode === code)) {
        let n = 0;
        raw.th.forEach((row, i) => {
          if (row.province !== p.nameTh || row.district !== d.nameTh) return;
          const known = subDistricts.find((s) => s.districtCode === code && s.th === row.sub_district);
          if (known) return;
          n += 1;
          const subCode = `${code}${String(n).padStart(2, '0')}`;
          const sub: SubDistrict = {
            code: subCode,
            th: row.sub_district,
            en: raw.en[i]?.sub_district ?? row.sub_district,
            districtCode: code,
            provinceCode: p.code,
            postalCodes: row.postal_code ? [row.postal_code] : [],
            assignedCode: true,
          };
          subDistricts.push(sub);
          subByCode.set(subCode, sub);
        });
      }
    }
  }
  provinces.sort((a, b) => thaiOrder(a.th, b.th));
  districts.sort((a, b) => thaiOrder(a.th, b.th));
  subDistricts.sort((a, b) => thaiOrder(a.th, b.th));
  const groupBy = <T, K extends keyof T>(list: T[], key: K) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(String(item[key]), [...(map.get(String(item[key])) ?? []), item]);
    return map;
  };
  const districtsByProvince = groupBy(districts, 'provinceCode');
  const subsByDistrict = groupBy(subDistricts, 'districtCode');
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  return {
    provinces,
    districts,
    subDistricts,
    province: (code) => provinceByCode.get(code),
    district: (code) => districtByCode.get(code),
    subDistrict: (code) => subByCode.get(code),
    districtsOf: (provinceCode) => districtsByProvince.get(provinceCode) ?? [],
    subDistrictsOf: (districtCode) => subsByDistrict.get(districtCode) ?? [],
  };
}

let loading: Promise<Geography> | undefined;

/** The geography, built on first use (about a second) and kept for the life of the process. */
export function geography(): Promise<Geography> {
  loading ??= build();
  return loading;
}

export interface AreaRef {
  provinceCode: string;
  districtCode?: string | undefined;
  subDistrictCode?: string | undefined;
}

/** Whether codes name a real place and fit together (the district is in the province, …). */
export function isConsistentArea(geo: Geography, area: AreaRef): boolean {
  const province = geo.province(area.provinceCode);
  if (!province) return false;
  if (area.districtCode) {
    const district = geo.district(area.districtCode);
    if (!district || district.provinceCode !== province.code) return false;
  }
  if (area.subDistrictCode) {
    if (!area.districtCode) return false;
    const sub = geo.subDistrict(area.subDistrictCode);
    if (!sub || sub.districtCode !== area.districtCode) return false;
  }
  return true;
}

/** "ต.ตาเตียว อ.เมืองสุรินทร์ จ.สุรินทร์" / "Ta Tiao, Mueang Surin, Surin" — most specific first. */
export function areaLabel(geo: Geography, area: AreaRef, locale: 'th' | 'en'): string {
  const province = geo.province(area.provinceCode);
  const district = area.districtCode ? geo.district(area.districtCode) : undefined;
  const sub = area.subDistrictCode ? geo.subDistrict(area.subDistrictCode) : undefined;
  if (locale === 'en') return [sub?.en, district?.en, province?.en].filter(Boolean).join(', ');
  const bangkok = area.provinceCode === '10';
  return [
    sub ? `${bangkok ? 'แขวง' : 'ต.'}${sub.th}` : '',
    district ? `${bangkok ? 'เขต' : 'อ.'}${district.th}` : '',
    province ? `${bangkok ? '' : 'จ.'}${province.th}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
