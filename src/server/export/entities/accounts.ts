// 客户档案 export: the account list's columns, through the list's own query (filters and scope).
import { accountsRepository, ACCOUNT_SORTS, type AccountSortKey } from '../../accounts/repository.js';
import type { CursorPosition } from '../../shared/cursor.js';
import { col, type ExportEntity } from './types.js';

export interface AccountExportFilters {
  q?: string | undefined;
  sort?: string | undefined;
  lifecycleStatus?: string[] | undefined;
  industry?: string | undefined;
  region?: string | undefined;
  classification?: string | undefined;
  ownerId?: number | undefined;
  sponsorId?: number | undefined;
  parentId?: number | undefined;
}

/** The list's default order, so an export without `sort` matches the list page. */
export const DEFAULT_ACCOUNT_SORT = '-updatedAt';

export const accountsExport: ExportEntity<AccountExportFilters> = {
  name: 'accounts',
  auditEntity: 'account',
  fileStem: { zh: '客户档案', en: 'accounts' },
  // Enumerations (classification, segment, lifecycle) are written as their codes: stable across
  // languages and what the import reads back.
  columns: [
    col('id', 'int', 'ID', 'ID'),
    col('name', 'text', '客户名称', 'Name'),
    col('shortName', 'text', '简称', 'Short name'),
    col('creditCode', 'text', '统一社会信用代码', 'Credit code'),
    col('industry', 'text', '行业', 'Industry'),
    col('region', 'text', '地区', 'Region'),
    col('classifications', 'list', '客户分类', 'Classifications'),
    col('segment', 'text', '细分', 'Segment'),
    col('lifecycleStatus', 'text', '生命周期', 'Lifecycle status'),
    col('owner', 'text', '客户经理', 'Account manager'),
    col('parentId', 'int', '上级客户ID', 'Parent ID'),
    col('annualRevenue', 'money', '年营业额', 'Annual revenue'),
    col('employees', 'int', '员工数', 'Employees'),
    col('createdAt', 'datetime', '创建时间', 'Created at'),
    col('updatedAt', 'datetime', '更新时间', 'Updated at'),
  ],
  async *pages(db, actor, f, pageSize) {
    const repo = accountsRepository(db);
    const sortRaw = f.sort ?? DEFAULT_ACCOUNT_SORT;
    const desc = sortRaw.startsWith('-');
    const sort = (desc ? sortRaw.slice(1) : sortRaw) as AccountSortKey;
    if (!(sort in ACCOUNT_SORTS)) throw new Error(`Unknown sort ${sortRaw}`);
    let after: CursorPosition | undefined;
    for (;;) {
      const rows = await repo.listQuery(actor, { ...f, sort, desc, after, limit: pageSize }).execute();
      const page = rows.slice(0, pageSize);
      if (page.length) {
        yield page.map((r) => [
          r.id,
          r.name,
          r.short_name,
          r.credit_code,
          r.industry,
          r.region,
          r.classifications,
          r.segment,
          r.lifecycle_status,
          r.owner_name,
          r.parent_id,
          r.annual_revenue,
          r.employees,
          r.created_at,
          r.updated_at,
        ]);
      }
      const last = page[page.length - 1];
      if (rows.length <= pageSize || !last) return;
      after = { v: last.sort_value, id: last.id };
    }
  },
};
