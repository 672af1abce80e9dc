// Routes. Pages load lazily so the first paint (login) stays small.
import { lazy } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { Providers } from './Providers';
import { RequireAuth, RequireRole } from './RequireAuth';
import { AppLayout } from './AppLayout';
import { can } from '../auth/permissions';
import LoginPage from '../auth/LoginPage';

const AccountsListPage = lazy(() => import('../accounts/AccountsListPage'));
const AccountDetailPage = lazy(() => import('../accounts/AccountDetailPage'));
const OrdersListPage = lazy(() => import('../orders/OrdersListPage'));
const ReceivablesPage = lazy(() => import('../orders/ReceivablesPage'));
const KeyAccountsPage = lazy(() => import('../key-accounts/KeyAccountsPage'));
const PyramidPage = lazy(() => import('../tiering/PyramidPage'));
const MigrationPage = lazy(() => import('../tiering/MigrationPage'));
const ModelsPage = lazy(() => import('../tiering/ModelsPage'));
const PipelineBoardPage = lazy(() => import('../pipeline/PipelineBoardPage'));
const OpportunitiesListPage = lazy(() => import('../pipeline/OpportunitiesListPage'));
const OpportunityDetailPage = lazy(() => import('../pipeline/OpportunityDetailPage'));
const ForecastPage = lazy(() => import('../pipeline/ForecastPage'));
const RemindersPage = lazy(() => import('../reminders/RemindersPage'));
const ImportPage = lazy(() => import('../import/ImportPage'));
const RecycleBinPage = lazy(() => import('../recycle-bin/RecycleBinPage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const UsersPage = lazy(() => import('../admin/users/UsersPage'));
const TeamsPage = lazy(() => import('../admin/teams/TeamsPage'));
const TokensPage = lazy(() => import('../auth/TokensPage'));
const NotFound = lazy(() => import('./NotFound'));

export const router = createBrowserRouter([
  {
    element: (
      <Providers>
        <Outlet />
      </Providers>
    ),
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/accounts" replace /> },
          { path: '/accounts', element: <AccountsListPage /> },
          { path: '/accounts/:id', element: <AccountDetailPage /> },
          { path: '/orders', element: <OrdersListPage /> },
          { path: '/receivables', element: <ReceivablesPage /> },
          { path: '/key-accounts', element: <KeyAccountsPage /> },
          { path: '/tiering', element: <PyramidPage /> },
          { path: '/tiering/migration', element: <MigrationPage /> },
          { path: '/tiering/models', element: <ModelsPage /> },
          { path: '/pipeline', element: <PipelineBoardPage /> },
          { path: '/pipeline/forecast', element: <ForecastPage /> },
          { path: '/opportunities', element: <OpportunitiesListPage /> },
          { path: '/opportunities/:id', element: <OpportunityDetailPage /> },
          { path: '/reminders', element: <RemindersPage /> },
          {
            path: '/import',
            element: (
              <RequireRole allow={can.importData}>
                <ImportPage />
              </RequireRole>
            ),
          },
          {
            path: '/recycle-bin',
            element: (
              <RequireRole allow={can.useRecycleBin}>
                <RecycleBinPage />
              </RequireRole>
            ),
          },
          {
            path: '/audit',
            element: (
              <RequireRole allow={can.readAudit}>
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: '/admin/users',
            element: (
              <RequireRole allow={can.administerUsers}>
                <UsersPage />
              </RequireRole>
            ),
          },
          {
            path: '/admin/teams',
            element: (
              <RequireRole allow={can.administerUsers}>
                <TeamsPage />
              </RequireRole>
            ),
          },
          { path: '/settings/tokens', element: <TokensPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
