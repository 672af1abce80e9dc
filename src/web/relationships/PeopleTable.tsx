// The decision chain as a table: everyone on the map with role, attitude, influence, level, whom
// they report to and whom they sway, last contact. The same data as the graph, readable in rows.
import { Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY, formatDate } from '../shared/format';
import { nodeColors, type RelationshipMap, type Stakeholder } from './model';

interface Props {
  map: RelationshipMap;
  onOpenPerson: (id: number) => void;
}

export function PeopleTable({ map, onOpenPerson }: Props) {
  const { t } = useTranslation();
  const names = new Map(map.nodes.map((n) => [n.id, n.name]));
  const stale = new Set(map.measures?.staleIds ?? []);
  const reportsTo = new Map<number, string[]>();
  const influences = new Map<number, string[]>();
  for (const l of map.links) {
    const target = l.kind === 'reports_to' ? reportsTo : influences;
    const label = (names.get(l.toId) ?? `#${l.toId}`) + (l.hidden ? ` (${t('relationships.table.hiddenLine')})` : '');
    target.set(l.fromId, [...(target.get(l.fromId) ?? []), label]);
  }
  const hidden = map.assessmentsHidden;

  const columns: TableProps<Stakeholder>['columns'] = [
    {
      key: 'name',
      title: t('relationships.fields.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 140,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (v: string, p) => (
        <Typography.Link onClick={() => onOpenPerson(p.id)} data-testid="person-row-name">
          {v}
        </Typography.Link>
      ),
    },
    { key: 'title', title: t('relationships.fields.title'), dataIndex: 'title', width: 140, render: (v: string | null) => v ?? EMPTY },
    { key: 'role', title: t('relationships.fields.buyingRole'), width: 120, render: (_v, p) => (p.buyingRole ? t(`relationships.buyingRole.${p.buyingRole}`) : EMPTY) },
    ...(hidden
      ? []
      : ([
          {
            key: 'attitude',
            title: t('relationships.fields.attitude'),
            width: 140,
            filters: (['coach', 'ally', 'supporter', 'neutral', 'opponent'] as const).map((a) => ({ text: t(`relationships.attitude.${a}`), value: a })),
            onFilter: (value, p) => p.attitude === value,
            render: (_v, p) => {
              if (!p.attitude) return EMPTY;
              const c = nodeColors(p);
              return (
                <Tag style={{ background: c.fill, color: c.text, borderColor: c.border }}>
                  {t(`relationships.attitude.${p.attitude}`)}
                  {p.attitudeKind ? ` · ${t(`relationships.attitudeKind.${p.attitudeKind}`)}` : ''}
                </Tag>
              );
            },
          },
          { key: 'influence', title: t('relationships.fields.influence'), dataIndex: 'influence', width: 110, align: 'right', sorter: (a, b) => (a.influence ?? 0) - (b.influence ?? 0), defaultSortOrder: 'descend' },
          {
            key: 'level',
            title: t('relationships.fields.relationshipLevel'),
            width: 150,
            sorter: (a, b) => (a.relationshipLevel ?? 0) - (b.relationshipLevel ?? 0),
            render: (_v, p) => (p.relationshipLevel ? `${p.relationshipLevel} · ${t(`relationships.level.${p.relationshipLevel}`)}` : EMPTY),
          },
        ] satisfies TableProps<Stakeholder>['columns'])),
    { key: 'reportsTo', title: t('relationships.fields.reportsTo'), width: 140, render: (_v, p) => reportsTo.get(p.id)?.join('、') ?? EMPTY },
    { key: 'influences', title: t('relationships.legend.influences'), width: 160, render: (_v, p) => influences.get(p.id)?.join('、') ?? EMPTY },
    {
      key: 'lastContact',
      title: t('relationships.table.lastContact'),
      width: 130,
      sorter: (a, b) => (a.lastContactDate ?? '').localeCompare(b.lastContactDate ?? ''),
      render: (_v, p) => (
        <Typography.Text type={stale.has(p.id) ? 'danger' : undefined}>
          {p.lastContactDate ? formatDate(p.lastContactDate) : t('relationships.table.neverContacted')}
          {stale.has(p.id) ? ` · ${t('relationships.staleTag')}` : ''}
        </Typography.Text>
      ),
    },
    { key: 'coveredBy', title: t('relationships.fields.coveredBy'), width: 140, render: (_v, p) => p.coveredBy.map((u) => u.name).join('、') || EMPTY },
  ];

  return (
    <Table<Stakeholder>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={map.nodes}
      scroll={{ x: 1200 }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="people-table"
    />
  );
}
