// The application frame: a left Sider with the capabilities the role may use, a header with
// the language switch and the user menu, and the page in the content area.
import { Suspense, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Skeleton, theme, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BankOutlined,
  CrownOutlined,
  ExperimentOutlined,
  FundOutlined,
  CloudUploadOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ProjectOutlined,
  RestOutlined,
  ShoppingCartOutlined,
  SwapOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useLogout } from '../auth/session';
import { can } from '../auth/permissions';
import { LanguageSwitch } from './LanguageSwitch';
import { ReminderBell } from '../reminders/ReminderBell';
import { useMeta } from '../api/meta';
import type { Role } from '../api/types';

const { Sider, Header, Content } = Layout;

interface NavEntry {
  key: string;
  icon: ReactNode;
  label: string;
  allow?: (role: Role) => boolean;
}

interface NavGroup {
  key: string;
  label: string;
  entries: NavEntry[];
}

function useNavGroups(): NavGroup[] {
  const { t } = useTranslation();
  return [
    {
      key: 'customers',
      label: t('nav.customers'),
      entries: [
        { key: '/accounts', icon: <BankOutlined />, label: t('nav.accounts') },
        { key: '/orders', icon: <ShoppingCartOutlined />, label: t('nav.orders') },
        { key: '/receivables', icon: <AccountBookOutlined />, label: t('nav.receivables') },
        { key: '/tiering', icon: <FundOutlined />, label: t('nav.tiering') },
        { key: '/tiering/migration', icon: <SwapOutlined />, label: t('nav.tierMigration') },
        { key: '/tiering/models', icon: <ExperimentOutlined />, label: t('nav.tierModels'), allow: can.manageTiers },
        { key: '/key-accounts', icon: <CrownOutlined />, label: t('nav.keyAccounts') },
        { key: '/import', icon: <CloudUploadOutlined />, label: t('nav.dataImport'), allow: can.importData },
      ],
    },
    {
      key: 'sales',
      label: t('nav.sales'),
      entries: [
        { key: '/pipeline', icon: <ProjectOutlined />, label: t('nav.pipeline') },
        { key: '/opportunities', icon: <UnorderedListOutlined />, label: t('nav.opportunities') },
        { key: '/pipeline/forecast', icon: <LineChartOutlined />, label: t('nav.forecast') },
      ],
    },
    {
      key: 'system',
      label: t('nav.system'),
      entries: [
        { key: '/recycle-bin', icon: <RestOutlined />, label: t('nav.recycleBin'), allow: can.useRecycleBin },
        { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit'), allow: can.readAudit },
        { key: '/admin/users', icon: <UserOutlined />, label: t('nav.users'), allow: can.administerUsers },
        { key: '/admin/teams', icon: <ApartmentOutlined />, label: t('nav.teams'), allow: can.administerUsers },
      ],
    },
    {
      key: 'personal',
      label: t('nav.personal'),
      entries: [
        { key: '/reminders', icon: <BellOutlined />, label: t('nav.reminders') },
        { key: '/settings/tokens', icon: <KeyOutlined />, label: t('nav.tokens') },
      ],
    },
  ];
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  useMeta(); // currency and time zone for formatting
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem('kam.sider') === 'collapsed');
  const groups = useNavGroups();

  const menuItems: MenuProps['items'] = useMemo(
    () =>
      groups
        .map((g) => ({
          type: 'group' as const,
          key: g.key,
          label: collapsed ? null : g.label,
          children: g.entries
            .filter((e) => !e.allow || e.allow(user.role))
            .map((e) => ({ key: e.key, icon: e.icon, label: <span data-testid={`nav-${e.key.slice(1).replace('/', '-')}`}>{e.label}</span> })),
        }))
        .filter((g) => g.children.length > 0),
    [groups, user.role, collapsed],
  );
  const allKeys = groups.flatMap((g) => g.entries.map((e) => e.key));
  // The most specific entry only: /tiering/migration selects 客户迁移, not also 客户金字塔.
  const matching = allKeys.filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`));
  const selected = matching.sort((a, b) => b.length - a.length).slice(0, 1);

  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem('kam.sider', c ? 'open' : 'collapsed');
      return !c;
    });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'tokens', icon: <KeyOutlined />, label: t('nav.tokens') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('header.logout')}</span>, danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'tokens') void navigate('/settings/tokens');
      if (key === 'logout') logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={224}
        collapsedWidth={64}
        collapsed={collapsed}
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Flex
          align="center"
          gap={10}
          style={{ height: 64, padding: collapsed ? '0 20px' : '0 20px', color: '#fff', cursor: 'pointer' }}
          onClick={() => void navigate('/accounts')}
        >
          <div
            style={{
              width: 28,
              height: 28,
              flex: 'none',
              borderRadius: 6,
              background: token.colorPrimary,
              display: 'grid',
              placeItems: 'center',
              fontWeight: 700,
              fontSize: 13,
            }}
          >
            K
          </div>
          {!collapsed && (
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          items={menuItems}
          onClick={({ key }) => void navigate(key)}
          data-testid="sider-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px 0 8px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Button
            type="text"
            aria-label={t('header.toggleMenu')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
          />
          <Flex align="center" gap={16}>
            <ReminderBell />
            <LanguageSwitch size="small" />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Flex align="center" gap={8}>
                  <Avatar size="small" style={{ background: token.colorPrimary }}>
                    {user.displayName.slice(0, 1)}
                  </Avatar>
                  <span>{user.displayName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`enums.role.${user.role}`)}
                  </Typography.Text>
                </Flex>
              </Button>
            </Dropdown>
          </Flex>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1440, margin: '0 auto' }}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
              <Outlet />
            </Suspense>
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
