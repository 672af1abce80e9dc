// The pipeline namespace of the UI texts, kept in its own file so that capability's pages can
// grow their words without touching the shared catalogues. en must have the same keys as zh.
import type { DeepStrings } from './deep-strings';

export const pipelineZh = {
  title: 'pipeline',
};

export const pipelineEn: DeepStrings<typeof pipelineZh> = {
  title: 'pipeline',
};
