// Editing the program (directors and admins): written criteria, qualifying tiers, minimum gross
// profit, classifications, the size range, our product lines (the whitespace rows), the champion.
import { App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { UserSelect } from '../shared/UserSelect';
import { useEnumOptions } from '../shared/labels';
import type { Id } from '../api/types';
import { TIER_KEYS, useProgramMutations, type Program, type TierKey } from './api';

interface Values {
  criteriaText: string;
  criteriaTiers: TierKey[];
  minGrossProfit: string | null;
  anyClassifications: string[];
  minSize: number;
  maxSize: number;
  productLines: string[];
  championId: Id | null;
}

export function ProgramDrawer({ program, onClose }: { program: Program; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handleError = useErrorHandler();
  const { update } = useProgramMutations();
  const enums = useEnumOptions();

  const save = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({ version: program.version, ...v, minGrossProfit: v.minGrossProfit?.trim() ? v.minGrossProfit.trim().replace(/,/g, '') : null });
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={t('keyAccounts.editProgram')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => void save()} data-testid="program-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onValuesChange={(changed) => clearFieldErrors(form, changed)}
        initialValues={{
          criteriaText: program.criteriaText,
          criteriaTiers: program.criteriaTiers,
          minGrossProfit: program.minGrossProfit,
          anyClassifications: program.anyClassifications,
          minSize: program.minSize,
          maxSize: program.maxSize,
          productLines: program.productLines,
          championId: program.champion?.id ?? null,
        }}
      >
        <Form.Item name="criteriaText" label={t('keyAccounts.criteriaText')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="criteriaTiers" label={t('keyAccounts.criteriaTiers')} extra={t('keyAccounts.criteriaTiersHint')}>
          <Checkbox.Group options={TIER_KEYS.map((x) => ({ value: x, label: t(`keyAccounts.tiers.${x}`) }))} />
        </Form.Item>
        <Form.Item name="minGrossProfit" label={t('keyAccounts.minGrossProfit')} extra={t('keyAccounts.minGrossProfitHint')} rules={[{ pattern: /^\s*-?[\d,]{1,24}(\.\d{1,2})?\s*$/, message: t('validation.reasons.invalid_amount', { defaultValue: '金额格式不正确' }) }]}>
          <Input allowClear placeholder="500000.00" />
        </Form.Item>
        <Form.Item name="anyClassifications" label={t('keyAccounts.classifications')} extra={t('keyAccounts.classificationsHint')}>
          <Select mode="multiple" allowClear options={enums.classification} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="minSize" label={t('keyAccounts.minSize')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="maxSize" label={t('keyAccounts.maxSize')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="productLines" label={t('keyAccounts.productLines')} extra={t('keyAccounts.productLinesHint')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="championId" label={t('keyAccounts.champion')}>
          <UserSelect allowClear roles={['admin', 'director', 'kam', 'sponsor']} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
