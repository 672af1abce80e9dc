import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Load more" under a cursor-paged list (react-query's infinite queries). */
export function LoadMore({ query, testId }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }; testId?: string }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Flex justify="center" style={{ marginTop: 16 }}>
      <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid={testId}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );
}
