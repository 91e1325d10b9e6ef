import { setLanguage, t, useLanguage } from '../i18n/index.ts';

/** 中文 / English, kept in localStorage like the workbench's choice. */
export function LanguageSwitch() {
  const lang = useLanguage();
  return (
    <label className="hub-lang">
      <span className="sr">{t('hubweb.language')}</span>
      <select value={lang} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'zh-CN')} data-testid="hub-language" aria-label={t('hubweb.language')}>
        <option value="zh-CN">中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
