// The README's screenshots, from the release build and a document of the
// shared corpus (not in the repo): `node scripts/screenshots.mjs [corpus]`.
// docs/screenshot.png: 1440 × 900, light, an AGENTS.md filtered for
// "test", with its switches, the outline of the matches and the prompt in
// reach; docs/screenshot-phone.png: 390 × 844, dark, a character card's
// structure with its tabs and the bar holding Copy prompt.
import { readFileSync } from 'node:fs';
import { open, paste, structure, launch, serve } from '../e2e/harness.mjs';

const corpus = process.argv[2] || new URL('../../shared/corpus/', import.meta.url).pathname;
const docs = new URL('../docs/', import.meta.url).pathname;
const server = await serve();
const browser = await launch();

{
  const { page, context } = await open(browser, server.url, { viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await paste(page, readFileSync(`${corpus}agents-md/pydantic-ai-agents.md`, 'utf8'));
  await structure(page).getByRole('heading').first().waitFor();
  await page.getByRole('searchbox', { name: 'Filter guidelines' }).fill('test');
  await page.getByRole('navigation', { name: 'Outline' }).getByText('Outline of the matches').click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${docs}screenshot.png` });
  await context.close();
}
{
  const { page, context } = await open(browser, server.url, { viewport: { width: 390, height: 844 }, colorScheme: 'dark', hasTouch: true, isMobile: true });
  await paste(page, readFileSync(`${corpus}character-card/sillytavern-seraphina-v2.json`, 'utf8'));
  await structure(page).getByRole('heading').first().waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${docs}screenshot-phone.png` });
  await context.close();
}
await browser.close();
server.close();
