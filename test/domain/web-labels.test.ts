// Issue 16 (labels once): the names the domain holds as { vi, en } tables reach the web through
// src/web/src/i18n-domain.ts; a web resource file that words one of them again, under the same key and in
// both languages, is a second copy that drifts. This walks what the web words itself and lists each copy.
import { describe, expect, it } from 'vitest';
import { webResources } from '../../src/web/src/i18n.ts';
import { domainLabelTables, domainResources } from '../../src/web/src/i18n-domain.ts';
import i18n from '../../src/web/src/i18n.ts';

type Tree = { [key: string]: unknown };
type Pair = { vi: string; en: string };

/** Every string leaf of a tree, by its dotted path. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else if (typeof v === 'object' && v !== null && !Array.isArray(v))
      for (const [p, s] of leaves(v as Tree, path)) out.set(p, s);
  }
  return out;
}

/** Web resource leaves that repeat a domain label: same last key, same words in Vietnamese and in English. */
function copies(vi: Tree[], en: Tree[]): string[] {
  const viLeaves = new Map(vi.flatMap((t) => [...leaves(t)]));
  const enLeaves = new Map(en.flatMap((t) => [...leaves(t)]));
  const found: string[] = [];
  for (const [path, viText] of viLeaves) {
    const key = path.split('.').at(-1)!;
    for (const [name, table] of Object.entries(domainLabelTables) as [string, Record<string, Pair>][]) {
      const pair = Object.hasOwn(table, key) ? table[key] : undefined;
      if (pair && pair.vi === viText && pair.en === enLeaves.get(path))
        found.push(`${path} (${name}.${key})`);
    }
  }
  return found;
}

describe('labels the domain holds are worded once', () => {
  it('no web resource file repeats a domain label', () => {
    expect(copies(webResources.vi, webResources.en)).toEqual([]);
  });

  it('the check finds a copied table (the roles as the web once held them)', () => {
    const copied = { adm: { roles: { approver: 'Lãnh đạo phê duyệt', clerk: 'Văn thư' } } };
    const copiedEn = { adm: { roles: { approver: 'Approver', clerk: 'Clerk' } } };
    expect(copies([copied], [copiedEn])).toEqual([
      'adm.roles.approver (roles.approver)',
      'adm.roles.clerk (roles.clerk)',
    ]);
  });

  it('the domain labels reach i18next in both languages', () => {
    expect(i18n.getFixedT('vi')('roles.approver')).toBe('Lãnh đạo phê duyệt');
    expect(i18n.getFixedT('en')('stepRoles.return')).toBe('Return result');
    expect(i18n.getFixedT('vi')('statuses.processing')).toBe('Đang xử lý');
    expect(i18n.getFixedT('en')('criteria.online_service')).toBe('Online public service');
    // The web's own words merge with the domain's: the applicant is no staff role, yet a role the history names.
    expect(i18n.getFixedT('vi')('roles.applicant')).toBe('Người nộp hồ sơ');
    // A short status name falls back to the full one where the web has no shorter one.
    expect(i18n.getFixedT('en')('statusShort.processing')).toBe(domainResources('en').statuses.processing);
    expect(i18n.getFixedT('en')('statusShort.financial_obligation')).toBe('Awaiting fees');
  });
});
