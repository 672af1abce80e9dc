import type { ThemeConfig } from 'antd';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f1b33', headerBg: '#ffffff', bodyBg: '#f4f6fa' },
    Menu: { darkItemBg: '#0f1b33', darkSubMenuItemBg: '#0f1b33', darkGroupTitleColor: 'rgba(255,255,255,0.45)' },
    Table: { headerBg: '#f7f8fa' },
  },
};
