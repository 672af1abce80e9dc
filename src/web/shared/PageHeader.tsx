// The title bar of a page: breadcrumb, title, subtitle and actions, with the same spacing
// everywhere.
import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import type { BreadcrumbProps } from 'antd';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  breadcrumb?: BreadcrumbProps['items'];
  tags?: ReactNode;
}

export function PageHeader({ title, subtitle, extra, breadcrumb, tags }: Props) {
  return (
    <div style={{ marginBottom: 16 }}>
      {breadcrumb && <Breadcrumb items={breadcrumb} style={{ marginBottom: 8 }} />}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
