// 决策链 on the account page: the relationship map (org chart, influence arrows, attitudes), the
// measures beside it, a table of everyone, and — for those who may edit — adding people, drawing
// and deleting links, and the assessment drawer. Viewers without the assessments (service agents,
// analysts) get the same chart and table without attitudes, and no measures.
import { useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Alert, App, AutoComplete, Button, Card, Empty, Flex, Input, Result, Segmented, Skeleton, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, PlusOutlined, SearchOutlined, TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { useMapMutations, useRelationshipMap } from './api';
import { linkTextKey, nodeSize, searchPeople, type RelationshipMap, type Stakeholder, type StakeholderLink } from './model';
import { MapCanvas } from './MapCanvas';
import { MeasuresPanel } from './MeasuresPanel';
import { PeopleTable } from './PeopleTable';
import { Legend } from './Legend';
import { AddPersonModal } from './AddPersonModal';
import { LinkModal } from './LinkModal';
import { StakeholderDrawer } from './StakeholderDrawer';

/** Small maps are fitted to the screen after a change; big ones centre on what changed. */
const FIT_UP_TO = 30;
const MAP_HEIGHT = 640;

export default function RelationshipMapTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const query = useRelationshipMap(account.id);
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 12 }} data-testid="map-loading" />;
  if (query.isError || !query.data) {
    return <Result status="error" title={t('errors.loadFailed')} extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>} />;
  }
  return (
    <ReactFlowProvider>
      <MapBody map={query.data} refetch={query.refetch} />
    </ReactFlowProvider>
  );
}

function MapBody({ map, refetch }: { map: RelationshipMap; refetch: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const rf = useReactFlow();
  const mutations = useMapMutations(map.accountId);
  const editable = map.canEdit;
  const [view, setView] = useState<'map' | 'table'>('map');
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [pair, setPair] = useState<{ a: Stakeholder; b: Stakeholder } | null>(null);
  const [selectedLinkId, setSelectedLinkId] = useState<number | null>(null);
  const [focusId, setFocusId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [pending, setPending] = useState<{ focus: number | null } | null>(null);
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const names = (id: number) => byId.get(id)?.name ?? `#${id}`;

  const centreOn = (id: number) => {
    const n = rf.getNode(String(id));
    const size = nodeSize(byId.get(id)?.influence ?? null);
    if (n) void rf.setCenter(n.position.x + size.width / 2, n.position.y + size.height / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 400 });
  };

  // After an addition or a new link the layout may move everyone: fit a small map, or centre on
  // the new person in a big one — once React Flow has the new nodes.
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      if (map.nodes.length <= FIT_UP_TO) void rf.fitView({ padding: 0.15, maxZoom: 1.1, duration: 300 });
      else if (pending.focus !== null) centreOn(pending.focus);
      setPending(null);
    }, 80);
    return () => clearTimeout(timer);
    // centreOn reads the current nodes; the map's nodes are the trigger.
  }, [pending, map.nodes]);

  const focus = (id: number) => {
    setView('map');
    setFocusId(id);
    setTimeout(() => centreOn(id), 30);
  };

  const confirmDeleteLink = (link: StakeholderLink) => {
    const text = t(`relationships.linkText.${linkTextKey(link)}`, { from: names(link.fromId), to: names(link.toId) });
    modal.confirm({
      title: t('relationships.deleteLinkConfirm', { text }),
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete-link' },
      onOk: async () => {
        try {
          await mutations.unlink.mutateAsync({ id: link.id, version: link.version });
          setSelectedLinkId(null);
          void message.success(t('relationships.link.deleted'));
        } catch (err) {
          handleError(err);
        }
      },
    });
  };
  const selectedLink = map.links.find((l) => l.id === selectedLinkId) ?? null;

  const addModal = adding && (
    <AddPersonModal
      accountId={map.accountId}
      open
      create={mutations.create}
      onClose={(created) => {
        setAdding(false);
        if (created) {
          void message.success(t('relationships.add.added', { name: created.name }));
          setFocusId(created.id);
          setPending({ focus: created.id });
        }
      }}
    />
  );

  if (map.nodes.length === 0) {
    return (
      <Card data-testid="relationships-tab">
        <Empty
          data-testid="map-empty"
          image={<ApartmentOutlined style={{ fontSize: 56, color: 'var(--ant-color-text-quaternary)' }} />}
          description={
            <>
              <Typography.Title level={5}>{t('relationships.empty.title')}</Typography.Title>
              <Typography.Paragraph type="secondary" style={{ maxWidth: 480, margin: '0 auto' }}>
                {editable ? t('relationships.empty.description') : t('relationships.empty.readOnly')}
              </Typography.Paragraph>
            </>
          }
        >
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-first-person">
              {t('relationships.empty.cta')}
            </Button>
          )}
        </Empty>
        {addModal}
      </Card>
    );
  }

  const matches = searchPeople(map.nodes, search);
  return (
    <div data-testid="relationships-tab">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'map' | 'table')}
          options={[
            { value: 'map', label: t('relationships.view.map'), icon: <ApartmentOutlined /> },
            { value: 'table', label: <span data-testid="view-table">{t('relationships.view.table')}</span>, icon: <TableOutlined /> },
          ]}
          data-testid="view-toggle"
        />
        <AutoComplete
          style={{ width: 260 }}
          value={search}
          onChange={setSearch}
          options={matches.map((p) => ({ value: String(p.id), label: p.title ? `${p.name} · ${p.title}` : p.name }))}
          onSelect={(v: string) => {
            setSearch(byId.get(Number(v))?.name ?? '');
            focus(Number(v));
          }}
          notFoundContent={search.trim() ? t('common.noMatch') : undefined}
        >
          <Input prefix={<SearchOutlined />} placeholder={t('relationships.search')} allowClear data-testid="map-search" />
        </AutoComplete>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-person">
            {t('relationships.addPerson')}
          </Button>
        )}
        {editable && view === 'map' && (
          <Button danger icon={<DeleteOutlined />} disabled={!selectedLink} onClick={() => selectedLink && confirmDeleteLink(selectedLink)} data-testid="delete-link">
            {t('relationships.deleteLink')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 260px' }}>
          {editable ? t('relationships.dragHint') : t('relationships.readOnlyHint')}
        </Typography.Text>
      </Flex>
      {map.assessmentsHidden && <Alert type="info" showIcon title={t('relationships.hiddenHint')} style={{ marginBottom: 8 }} data-testid="assessments-hidden" />}
      <Flex gap={12} align="flex-start" wrap>
        <div style={{ flex: '1 1 600px', minWidth: 0 }}>
          {/* The map stays mounted under the table, keeping its zoom and dragged positions. */}
          <div style={{ display: view === 'map' ? 'block' : 'none' }}>
            <div style={{ height: MAP_HEIGHT, border: '1px solid var(--ant-color-border-secondary)', borderRadius: 8, background: '#fff', overflow: 'hidden' }}>
              <MapCanvas
                map={map}
                editable={editable}
                focusId={focusId}
                selectedLinkId={selectedLinkId}
                onSelectLink={setSelectedLinkId}
                onOpenPerson={(id) => {
                  setFocusId(id);
                  setOpenId(id);
                }}
                onConnect={(a, b) => {
                  const pa = byId.get(a);
                  const pb = byId.get(b);
                  if (pa && pb) setPair({ a: pa, b: pb });
                }}
                onDeleteSelected={() => selectedLink && confirmDeleteLink(selectedLink)}
              />
            </div>
            <Legend hidden={map.assessmentsHidden} />
          </div>
          {view === 'table' && <PeopleTable map={map} onOpenPerson={setOpenId} />}
        </div>
        <div style={{ flex: '0 1 320px', minWidth: 280 }}>
          <MeasuresPanel map={map} onOpenPerson={focus} />
        </div>
      </Flex>
      {addModal}
      <LinkModal
        pair={pair}
        link={mutations.link}
        onDone={(ok) => {
          setPair(null);
          if (ok) {
            void message.success(t('relationships.link.created'));
            setPending({ focus: null });
          }
        }}
      />
      <StakeholderDrawer
        person={openId === null ? null : (byId.get(openId) ?? null)}
        map={map}
        editable={editable}
        mutations={mutations}
        onClose={() => setOpenId(null)}
        onRemoveLink={confirmDeleteLink}
        refetch={refetch}
      />
    </div>
  );
}
