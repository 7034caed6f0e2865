import assert from 'node:assert/strict';
import {
  areaLabel,
  geography,
  isConsistentArea,
  regionOfProvince,
} from '../../../../src/modules/directory/geography.js';

describe('Thai geography', function () {
  this.timeout(30_000);
  it('has all 77 provinces, 928 districts and every sub-district once, with Thai and English names', async () => {
    const geo = await geography();
    assert.equal(geo.provinces.length, 77);
    assert.equal(geo.districts.length, 928);
    assert.ok(geo.subDistricts.length > 7_000, `${geo.subDistricts.length} sub-districts`);
    assert.equal(new Set(geo.provinces.map((p) => p.code)).size, 77);
    assert.equal(new Set(geo.districts.map((d) => d.code)).size, 928, 'no duplicate district codes');
    assert.equal(
      new Set(geo.subDistricts.map((s) => s.code)).size,
      geo.subDistricts.length,
      'no duplicate sub-district codes',
    );
    for (const d of geo.districts) assert.ok(geo.subDistrictsOf(d.code).length > 0, `${d.th} has sub-districts`);
    for (const p of geo.provinces) assert.ok(p.th && p.en, p.code);
    assert.equal(geo.province('32')?.th, 'สุรินทร์');
    assert.equal(geo.province('90')?.en, 'Songkhla');
    assert.equal(geo.districtsOf('32').length, 17);
    assert.ok(geo.districtsOf('90').some((d) => d.th === 'หาดใหญ่'));
  });

  it('lists places in Thai alphabetical order', async () => {
    const geo = await geography();
    const names = geo.provinces.map((p) => p.th);
    assert.equal(names[0], 'กระบี่');
    assert.deepEqual(names, [...names].sort(new Intl.Collator('th').compare));
  });

  it('checks that a district and sub-district belong to the province', async () => {
    const geo = await geography();
    const hatYai = geo.districtsOf('90').find((d) => d.th === 'หาดใหญ่');
    assert.ok(hatYai);
    const sub = geo.subDistrictsOf(hatYai.code)[0];
    assert.ok(isConsistentArea(geo, { provinceCode: '90', districtCode: hatYai.code, subDistrictCode: sub?.code }));
    assert.equal(isConsistentArea(geo, { provinceCode: '32', districtCode: hatYai.code }), false);
    assert.equal(isConsistentArea(geo, { provinceCode: '99' }), false);
    assert.equal(
      isConsistentArea(geo, { provinceCode: '90', subDistrictCode: sub?.code }),
      false,
      'a sub-district needs its district',
    );
    assert.match(areaLabel(geo, { provinceCode: '90', districtCode: hatYai.code }, 'th'), /^อ\.หาดใหญ่ จ\.สงขลา$/);
    assert.equal(regionOfProvince('90'), 'south');
    assert.equal(regionOfProvince('32'), 'northeast');
  });
});
