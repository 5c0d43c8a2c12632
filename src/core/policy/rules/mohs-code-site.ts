// The billed Mohs CPT site family (17311/17312 against 17313/17314) against the documented site (mohs-rules.ts).
import { mohsCodeSiteRule } from '../mohs-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings } from './settings.ts';

export const mohsCodeSite = ruleKind({
  key: 'mohsCodeSite',
  settings: settings({}),
  evaluate: (_spec, ctx) => mohsCodeSiteRule(ctx),
});
