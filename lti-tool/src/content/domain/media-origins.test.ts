import { describe, expect, it } from 'vitest';
import { aQcu, aQroc, textField } from '../testing/challenge-builders.js';
import { mediaOriginsOf } from './media-origins.js';

describe('mediaOriginsOf', () => {
  it('lists the https origins of embeds and of images (illustrations, Markdown of instructions, choices and explanations)', () => {
    const origins = mediaOriginsOf([
      aQcu({ id: 'a', embed: { url: 'https://epreuves.example.org/sim/wifi.html?x=1', title: 'Simulateur', height: 600 } }),
      aQcu({ id: 'b', illustration: { url: 'https://images.example.net/a.png', alt: 'A' }, choices: ['![logo](https://choices.example.com/c.svg)', 'B'] }),
      aQcu({ id: 'c', instruction: 'Voici :\n\n![un graphique](https://cdn.example.com:8443/g.png?w=1&h=2)', explanation: '![corrigé](https://explain.example.com/e.png)' }),
      aQroc({ ...textField('r'), accepted: ['x'] }, { id: 'd', embed: { url: 'https://epreuves.example.org/sim/other.html', title: 'Autre', height: 400 } }),
    ]);
    expect(origins).toEqual({
      frames: ['https://epreuves.example.org'],
      images: ['https://cdn.example.com:8443', 'https://choices.example.com', 'https://explain.example.com', 'https://images.example.net'],
    });
  });

  it('leaves out the tool’s own assets and anything not https', () => {
    const origins = mediaOriginsOf([
      aQcu({ id: 'a', illustration: { url: '/api/content/assets/abc.svg', alt: 'A' } }),
      aQcu({ id: 'b', illustration: { url: 'http://insecure.example.org/a.png', alt: 'B' }, instruction: '![x](http://plain.example.org/x.png) ![y](data:image/png;base64,AAAA)' }),
    ]);
    expect(origins).toEqual({ frames: [], images: [] });
  });
});
