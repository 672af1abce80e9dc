// The upload settings of web imports: folder under the data folder unless KAM_UPLOAD_DIR, size in MB.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/index.js';

describe('import upload configuration', () => {
  it('defaults to <KAM_DATA_DIR>/uploads, 200 MB, 7 days', () => {
    expect(loadConfig({ KAM_DATA_DIR: '/srv/kam' }).imports).toEqual({ uploadDir: '/srv/kam/uploads', maxUploadBytes: 200 * 1024 * 1024, keepDays: 7 });
    expect(loadConfig({}).imports.uploadDir).toBe(path.resolve('data/uploads'));
  });
  it('takes KAM_UPLOAD_DIR, KAM_UPLOAD_MAX_MB and KAM_UPLOAD_KEEP_DAYS', () => {
    const c = loadConfig({ KAM_UPLOAD_DIR: '/var/kam-uploads', KAM_UPLOAD_MAX_MB: '50', KAM_UPLOAD_KEEP_DAYS: '30' });
    expect(c.imports).toEqual({ uploadDir: '/var/kam-uploads', maxUploadBytes: 50 * 1024 * 1024, keepDays: 30 });
  });
  it('refuses a size that is not a positive whole number of MB', () => {
    expect(() => loadConfig({ KAM_UPLOAD_MAX_MB: '0' })).toThrow(/KAM_UPLOAD_MAX_MB/);
    expect(() => loadConfig({ KAM_UPLOAD_MAX_MB: 'lots' })).toThrow(/KAM_UPLOAD_MAX_MB/);
  });
});
