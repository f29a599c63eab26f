// Which Chromium draws the screens: one named by CHROME_PATH, else a Chrome or Chromium already
// installed, else the Chromium that @sparticuz/chromium ships inside its npm package (Linux x64),
// so `npm install` is enough on a fresh Linux machine and nothing downloads a browser.
import fs from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const INSTALLED = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

// Quiet on a machine with no network: no background requests, no first-run work.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
  '--hide-scrollbars',
];

interface Executable {
  path: string;
  args: string[];
  /** @sparticuz/chromium is a headless-shell build */
  headless: true | 'shell';
}

async function executable(): Promise<Executable> {
  const named = process.env.CHROME_PATH;
  if (named) {
    if (!fs.existsSync(named)) throw new Error(`CHROME_PATH=${named}: no such file`);
    return { path: named, args: FLAGS, headless: true };
  }
  const installed = INSTALLED.find((file) => fs.existsSync(file));
  if (installed) return { path: installed, args: FLAGS, headless: true };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      'No Chrome or Chromium found: install one, or name it with CHROME_PATH=/path/to/chrome',
    );
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return {
    path: await chromium.executablePath(),
    args: [...chromium.args, ...FLAGS],
    headless: 'shell',
  };
}

export async function launchBrowser(): Promise<Browser> {
  const { path, args, headless } = await executable();
  return puppeteer.launch({ executablePath: path, args, headless });
}
