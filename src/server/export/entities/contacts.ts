// 联系人 export: the contact list's rows (scope of their accounts); phone, email and birthday
// through the contact presenter, so they are empty for whoever may not see them.
import { contactsRepository } from '../../contacts/repository.js';
import { presentContact } from '../../contacts/presenter.js';
import { relationOf } from '../../auth/scope.js';
import { col, type ExportEntity } from './types.js';

export interface ContactExportFilters {
  accountId?: number | undefined;
  q?: string | undefined;
}

export const contactsExport: ExportEntity<ContactExportFilters> = {
  name: 'contacts',
  auditEntity: 'contact',
  fileStem: { zh: '联系人', en: 'contacts' },
  columns: [
    col('id', 'int', 'ID', 'ID'),
    col('accountId', 'int', '客户ID', 'Account ID'),
    col('accountName', 'text', '客户名称', 'Account'),
    col('name', 'text', '姓名', 'Name'),
    col('department', 'text', '部门', 'Department'),
    col('title', 'text', '职务', 'Title'),
    col('level', 'text', '层级', 'Level'),
    col('phone', 'text', '电话', 'Phone'),
    col('email', 'text', '邮箱', 'Email'),
    col('birthday', 'date', '生日', 'Birthday'),
    col('preferences', 'text', '偏好', 'Preferences'),
    col('createdAt', 'datetime', '创建时间', 'Created at'),
    col('updatedAt', 'datetime', '更新时间', 'Updated at'),
  ],
  async *pages(db, actor, f, pageSize) {
    const repo = contactsRepository(db);
    let afterId: number | undefined;
    for (;;) {
      const rows = await repo.list(actor, { accountId: f.accountId, q: f.q, afterId, limit: pageSize });
      const page = rows.slice(0, pageSize);
      if (page.length) {
        yield page.map((r) => {
          const c = presentContact(r, actor, relationOf(r));
          return [c.id, c.accountId, c.accountName, c.name, c.department, c.title, c.level, c.phone, c.email, c.birthday, c.preferences, r.created_at, r.updated_at];
        });
      }
      const last = page[page.length - 1];
      if (rows.length <= pageSize || !last) return;
      afterId = last.id;
    }
  },
};
