// Previous / next controls under a cursor-paged table.
import { Button, Flex, Select, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  pageSize: number;
  onPageSize: (size: number) => void;
  loading?: boolean;
  shown: number;
}

export function CursorPager({ page, hasPrev, hasNext, onPrev, onNext, pageSize, onPageSize, loading, shown }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.pageInfo', { page, count: shown })}</Typography.Text>
      <Flex gap={8} align="center">
        <Select
          size="small"
          value={pageSize}
          onChange={onPageSize}
          options={[20, 50, 100].map((n) => ({ value: n, label: t('common.perPage', { count: n }) }))}
          style={{ width: 110 }}
        />
        <Button size="small" icon={<LeftOutlined />} disabled={!hasPrev || loading} onClick={onPrev} data-testid="pager-prev">
          {t('common.prev')}
        </Button>
        <Button size="small" disabled={!hasNext || loading} onClick={onNext} data-testid="pager-next">
          {t('common.nextPage')} <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}
