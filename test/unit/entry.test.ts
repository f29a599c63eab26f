import { DomainError } from '../../miniprogram/domain/errors';
import { MAX_QR_SCENE_LENGTH, buildTableScene, parseLaunch } from '../../miniprogram/domain/entry';

describe('parseLaunch', () => {
  it('reads store and table from a table code (scene 1047, URL-encoded scene)', () => {
    expect(
      parseLaunch({ scene: 1047, query: { scene: encodeURIComponent('s=xujiahui&t=A3') } }),
    ).toEqual({
      storeId: 'xujiahui',
      tableNo: 'A3',
      source: 'table_qr',
      scene: 1047,
    });
  });

  it('accepts an already-decoded scene string', () => {
    expect(parseLaunch({ scene: 1048, query: { scene: 's=jingan&t=5' } })).toMatchObject({
      storeId: 'jingan',
      tableNo: '5',
      source: 'table_qr',
    });
  });

  it('calls a code without a table a poster code', () => {
    expect(parseLaunch({ scene: 1011, query: { scene: 's=jingan' } })).toEqual({
      storeId: 'jingan',
      source: 'poster_qr',
      scene: 1011,
    });
    expect(parseLaunch({ scene: 1047, query: {} })).toEqual({ source: 'poster_qr', scene: 1047 });
  });

  it.each([
    [1026, 'nearby'],
    [1035, 'oa_menu'],
    [1058, 'oa_article'],
    [1043, 'oa_template'],
    [1007, 'share'],
    [1008, 'share'],
    [1005, 'search'],
    [1053, 'search'],
    [1001, 'other'],
    [9999, 'other'],
  ])('scene %i → %s', (scene, source) => {
    expect(parseLaunch({ scene, query: {} })).toEqual({ source, scene });
  });

  it('reads store and table from page query parameters (OA menu, article, share)', () => {
    expect(parseLaunch({ scene: 1035, query: { storeId: 'jingan' } })).toEqual({
      storeId: 'jingan',
      source: 'oa_menu',
      scene: 1035,
    });
    expect(parseLaunch({ scene: 1007, query: { storeId: 'jingan', tableNo: '3' } })).toMatchObject({
      storeId: 'jingan',
      tableNo: '3',
      source: 'share',
    });
    expect(parseLaunch({ scene: 1058, query: { s: 'xujiahui', t: 'B2' } })).toMatchObject({
      storeId: 'xujiahui',
      tableNo: 'B2',
    });
  });

  it('lets a table code win over page parameters', () => {
    const entry = parseLaunch({
      scene: 1047,
      query: { scene: 's=jingan&t=2', storeId: 'xujiahui', tableNo: 'A1' },
    });
    expect(entry).toMatchObject({ storeId: 'jingan', tableNo: '2' });
  });

  it('ignores a table without a store', () => {
    expect(parseLaunch({ scene: 1047, query: { scene: 't=9' } })).toEqual({
      source: 'poster_qr',
      scene: 1047,
    });
  });

  it('survives hostile or malformed input', () => {
    expect(parseLaunch({})).toEqual({ source: 'other', scene: 0 });
    expect(parseLaunch({ scene: NaN })).toEqual({ source: 'other', scene: 0 });
    expect(parseLaunch({ scene: 1047, query: { scene: '%E0%A4%A' } })).toEqual({
      source: 'poster_qr',
      scene: 1047,
    });
    expect(parseLaunch({ scene: 1047, query: { scene: 's=&t=&=x&junk' } })).toEqual({
      source: 'poster_qr',
      scene: 1047,
    });
    expect(parseLaunch({ scene: 1035, query: { storeId: { $ne: 1 }, tableNo: ['1'] } })).toEqual({
      source: 'oa_menu',
      scene: 1035,
    });
    expect(parseLaunch({ scene: 1035, query: { storeId: '   ' } })).toEqual({
      source: 'oa_menu',
      scene: 1035,
    });
    expect(parseLaunch({ scene: 1035, query: { storeId: 'x'.repeat(500) } }).storeId).toHaveLength(
      64,
    );
  });
});

describe('buildTableScene', () => {
  it('builds a scene that parses back to the same store and table', () => {
    const scene = buildTableScene('xujiahui', 'A3');
    expect(scene).toBe('s=xujiahui&t=A3');
    expect(parseLaunch({ scene: 1047, query: { scene: encodeURIComponent(scene) } })).toMatchObject(
      {
        storeId: 'xujiahui',
        tableNo: 'A3',
      },
    );
  });

  it('encodes characters that would break the format', () => {
    const scene = buildTableScene('s1', '包间&1');
    expect(parseLaunch({ scene: 1047, query: { scene } })).toMatchObject({
      storeId: 's1',
      tableNo: '包间&1',
    });
  });

  it('refuses a scene longer than WeChat allows', () => {
    let error: unknown;
    try {
      buildTableScene('0123456789abcdef0123456789abcdef', '1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_SCENE');
    expect((error as DomainError).message).toContain(String(MAX_QR_SCENE_LENGTH));
  });
});
