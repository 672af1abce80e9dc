// One person's assessment in a side drawer: a quick attitude switch that saves at once, and the
// full form (kind, influence, relationship level, buying role, needs, interests, coverers, last
// contact). Every save sends the version the drawer last read or wrote; a change made by someone
// else meanwhile answers 409 and the user is asked to reload (useErrorHandler).
import { useEffect, useState } from 'react';
import { App, Alert, Button, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Segmented, Select, Slider, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { useUsers } from '../admin/api';
import { EMPTY, formatDate } from '../shared/format';
import { ATTITUDE_COLORS, ATTITUDE_KINDS, ATTITUDES, BUYING_ROLES, LEVELS, kindAllowed, linkTextKey, type Attitude, type AttitudeKind, type BuyingRole, type RelationshipMap, type Stakeholder, type StakeholderLink } from './model';
import type { StakeholderBody, useMapMutations } from './api';

interface Values {
  name: string;
  title: string;
  buyingRole: BuyingRole | null;
  attitudeKind: AttitudeKind | null;
  influence: number;
  relationshipLevel: number;
  personalNeeds: string;
  interests: string;
  coveredBy: number[];
  lastContactDate: Dayjs | null;
}

interface Props {
  person: Stakeholder | null;
  map: RelationshipMap;
  editable: boolean;
  mutations: ReturnType<typeof useMapMutations>;
  onClose: () => void;
  onRemoveLink: (link: StakeholderLink) => void;
  refetch: () => Promise<unknown>;
}

function toValues(p: Stakeholder): Values {
  return {
    name: p.name,
    title: p.title ?? '',
    buyingRole: p.buyingRole,
    attitudeKind: p.attitudeKind,
    influence: p.influence ?? 5,
    relationshipLevel: p.relationshipLevel ?? 1,
    personalNeeds: p.personalNeeds ?? '',
    interests: p.interests ?? '',
    coveredBy: p.coveredBy.map((u) => u.id),
    lastContactDate: p.lastContactDate ? dayjs(p.lastContactDate) : null,
  };
}

export function StakeholderDrawer({ person, map, editable, mutations, onClose, onRemoveLink, refetch }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const users = useUsers(editable && person !== null);
  // The version this drawer read (or last wrote itself): what every save says it changes.
  const [version, setVersion] = useState<number | null>(null);
  const [attitude, setAttitude] = useState<Attitude | null>(null);
  const [reloads, setReloads] = useState(0);
  const personId = person?.id ?? null;

  useEffect(() => {
    if (!person) return;
    // The form exists only for editors (an unconnected form instance would warn).
    if (editable) form.setFieldsValue(toValues(person));
    setVersion(person.version);
    setAttitude(person.attitude);
    // Only when another person is opened (or after a reload): not on every refetch, which would
    // wipe what the user is typing.
  }, [personId, reloads, form, editable]);

  // After a 409 the user reloads: the map is fetched again and the drawer restarts from it.
  const reload = () => void refetch().then(() => setReloads((n) => n + 1));

  if (!person) return <Drawer open={false} />;
  const names = new Map(map.nodes.map((n) => [n.id, n.name]));
  const links = map.links.filter((l) => l.fromId === person.id || l.toId === person.id);

  const save = async (body: StakeholderBody, quiet = false) => {
    try {
      const s = await mutations.update.mutateAsync({ id: person.id, version: version ?? person.version, body });
      setVersion(s.version);
      setAttitude(s.attitude);
      if (body.attitudeKind === undefined) form.setFieldValue('attitudeKind', s.attitudeKind);
      if (!quiet) void message.success(t('common.saved'));
    } catch (err) {
      handleError(err, { form, onReload: reload });
      setAttitude(person.attitude);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    await save({
      name: v.name.trim(),
      title: v.title.trim() || null,
      buyingRole: v.buyingRole ?? null,
      attitudeKind: kindAllowed(attitude) ? (v.attitudeKind ?? null) : null,
      influence: v.influence,
      relationshipLevel: v.relationshipLevel,
      personalNeeds: v.personalNeeds.trim() || null,
      interests: v.interests.trim() || null,
      coveredBy: v.coveredBy,
      lastContactDate: v.lastContactDate ? v.lastContactDate.format('YYYY-MM-DD') : null,
    });
  };

  const remove = async () => {
    try {
      await mutations.remove.mutateAsync({ id: person.id, version: version ?? person.version });
      void message.success(t('relationships.drawer.removed', { name: person.name }));
      onClose();
    } catch (err) {
      handleError(err, { onReload: reload });
    }
  };

  const linkList = (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('relationships.drawer.links')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={links}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relationships.drawer.noLinks')} /> }}
        renderItem={(l) => (
          <List.Item
            data-testid="drawer-link"
            extra={
              editable ? <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('relationships.deleteLink')} onClick={() => onRemoveLink(l)} /> : undefined
            }
          >
            {t(`relationships.linkText.${linkTextKey(l)}`, { from: names.get(l.fromId) ?? `#${l.fromId}`, to: names.get(l.toId) ?? `#${l.toId}` })}
          </List.Item>
        )}
      />
    </>
  );

  const readOnly = (
    <>
      {person.assessmentsHidden && <Alert type="info" showIcon title={t('relationships.hiddenHint')} style={{ marginBottom: 16 }} />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('relationships.fields.title')}>{person.title ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label={t('relationships.fields.buyingRole')}>{person.buyingRole ? t(`relationships.buyingRole.${person.buyingRole}`) : EMPTY}</Descriptions.Item>
        {!person.assessmentsHidden && (
          <>
            <Descriptions.Item label={t('relationships.fields.attitude')}>
              {person.attitude ? t(`relationships.attitude.${person.attitude}`) : EMPTY}
              {person.attitudeKind ? ` · ${t(`relationships.attitudeKind.${person.attitudeKind}`)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('relationships.fields.influence')}>{person.influence ?? EMPTY}</Descriptions.Item>
            <Descriptions.Item label={t('relationships.fields.relationshipLevel')}>
              {person.relationshipLevel ? `${person.relationshipLevel} · ${t(`relationships.level.${person.relationshipLevel}`)}` : EMPTY}
            </Descriptions.Item>
            <Descriptions.Item label={t('relationships.fields.personalNeeds')}>{person.personalNeeds ?? EMPTY}</Descriptions.Item>
            <Descriptions.Item label={t('relationships.fields.interests')}>{person.interests ?? EMPTY}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('relationships.fields.coveredBy')}>{person.coveredBy.map((u) => u.name).join('、') || EMPTY}</Descriptions.Item>
        <Descriptions.Item label={t('relationships.fields.lastContactDate')}>{formatDate(person.lastContactDate)}</Descriptions.Item>
      </Descriptions>
    </>
  );

  return (
    <Drawer
      open
      size={480}
      title={
        <span data-testid="drawer-title">
          {person.name}
          {person.title ? <Typography.Text type="secondary"> · {person.title}</Typography.Text> : null}
        </span>
      }
      onClose={onClose}
      data-testid="stakeholder-drawer"
      footer={
        editable ? (
          <Flex justify="space-between">
            <Popconfirm title={t('relationships.drawer.removeConfirm', { name: person.name })} okText={t('common.remove')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
              <Button danger icon={<DeleteOutlined />} data-testid="stakeholder-remove">
                {t('relationships.drawer.remove')}
              </Button>
            </Popconfirm>
            <Button type="primary" onClick={() => void submit()} loading={mutations.update.isPending} data-testid="stakeholder-save">
              {t('relationships.drawer.save')}
            </Button>
          </Flex>
        ) : undefined
      }
    >
      {!editable ? (
        readOnly
      ) : (
        <>
          <Typography.Text type="secondary">{t('relationships.drawer.quickAttitude')}</Typography.Text>
          <Segmented<Attitude>
            block
            style={{ margin: '6px 0 20px' }}
            value={attitude ?? 'neutral'}
            disabled={mutations.update.isPending}
            onChange={(a) => {
              setAttitude(a);
              void save({ attitude: a }, true);
            }}
            options={ATTITUDES.map((a) => ({
              value: a,
              label: (
                <span data-testid={`attitude-${a}`}>
                  <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, marginInlineEnd: 6, background: ATTITUDE_COLORS[a].fill, border: `1px solid ${ATTITUDE_COLORS[a].border}` }} />
                  {t(`relationships.attitude.${a}`)}
                </span>
              ),
            }))}
            data-testid="quick-attitude"
          />
          <Form<Values> form={form} layout="vertical" onValuesChange={(c) => clearFieldErrors(form, c)}>
            <Flex gap={12}>
              <Form.Item name="name" label={t('relationships.fields.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]} style={{ flex: 1 }}>
                <Input />
              </Form.Item>
              <Form.Item name="title" label={t('relationships.fields.title')} rules={[{ max: 100 }]} style={{ flex: 1 }}>
                <Input />
              </Form.Item>
            </Flex>
            <Flex gap={12}>
              <Form.Item name="buyingRole" label={t('relationships.fields.buyingRole')} style={{ flex: 1 }}>
                <Select allowClear options={BUYING_ROLES.map((r) => ({ value: r, label: t(`relationships.buyingRole.${r}`) }))} data-testid="drawer-role" />
              </Form.Item>
              <Form.Item name="attitudeKind" label={t('relationships.fields.attitudeKind')} tooltip={t('relationships.kindHint')} style={{ flex: 1 }}>
                <Select
                  allowClear
                  disabled={!kindAllowed(attitude)}
                  placeholder={t('relationships.noKind')}
                  options={ATTITUDE_KINDS.map((k) => ({ value: k, label: t(`relationships.attitudeKind.${k}`) }))}
                  data-testid="drawer-kind"
                />
              </Form.Item>
            </Flex>
            <Form.Item label={t('relationships.fields.influence')} required>
              <Flex gap={12} align="center">
                <Form.Item name="influence" noStyle>
                  <Slider min={1} max={10} style={{ flex: 1 }} />
                </Form.Item>
                <Form.Item name="influence" noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={10} precision={0} style={{ width: 72 }} data-testid="drawer-influence" />
                </Form.Item>
              </Flex>
            </Form.Item>
            <Form.Item name="relationshipLevel" label={t('relationships.fields.relationshipLevel')}>
              <Select options={LEVELS.map((l) => ({ value: l, label: `${l} · ${t(`relationships.level.${l}`)}` }))} data-testid="drawer-level" />
            </Form.Item>
            <Form.Item name="personalNeeds" label={t('relationships.fields.personalNeeds')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="interests" label={t('relationships.fields.interests')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="coveredBy" label={t('relationships.fields.coveredBy')}>
              <Select
                mode="multiple"
                loading={users.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(users.data ?? []).filter((u) => u.active !== false).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
                data-testid="drawer-covered-by"
              />
            </Form.Item>
            <Form.Item name="lastContactDate" label={t('relationships.fields.lastContactDate')}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="drawer-last-contact" />
            </Form.Item>
          </Form>
        </>
      )}
      {linkList}
    </Drawer>
  );
}
