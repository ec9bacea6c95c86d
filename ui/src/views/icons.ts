// Inline SVG icons (drawn for Dialtone; no icon font, nothing fetched).

const NS = 'http://www.w3.org/2000/svg';

type Shape = { d: string; fill?: boolean; transform?: string } | { circle: [number, number, number]; fill?: boolean };

const HANDSET =
  'M6.7 3.2 9.4 5.9a1.4 1.4 0 0 1 0 2L8 9.3a11.5 11.5 0 0 0 6.7 6.7l1.4-1.4a1.4 1.4 0 0 1 2 0l2.7 2.7a1.4 1.4 0 0 1 0 2l-1.6 1.6a2.6 2.6 0 0 1-2.5.7C10.4 19.9 4.1 13.6 2.4 7.3a2.6 2.6 0 0 1 .7-2.5l1.6-1.6a1.4 1.4 0 0 1 2 0Z';

const ICONS = {
  call: [{ d: HANDSET, fill: true }],
  hangup: [{ d: HANDSET, fill: true, transform: 'rotate(135 12 12)' }],
  mic: [
    { d: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3Z' },
    { d: 'M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7' },
  ],
  micOff: [
    { d: 'M15 10.5V6a3 3 0 0 0-5.8-1.1M9 9v3a3 3 0 0 0 4.9 2.3' },
    { d: 'M5.5 11a6.5 6.5 0 0 0 10.7 5M18.5 11a6.4 6.4 0 0 1-.5 2.5M12 17.5V21M8.5 21h7M4 4l16 16' },
  ],
  keypad: [
    { circle: [6, 5, 1.6], fill: true }, { circle: [12, 5, 1.6], fill: true }, { circle: [18, 5, 1.6], fill: true },
    { circle: [6, 11, 1.6], fill: true }, { circle: [12, 11, 1.6], fill: true }, { circle: [18, 11, 1.6], fill: true },
    { circle: [6, 17, 1.6], fill: true }, { circle: [12, 17, 1.6], fill: true }, { circle: [18, 17, 1.6], fill: true },
    { circle: [12, 22, 1.4], fill: true },
  ],
  backspace: [{ d: 'M9 5h10.5A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5H9l-6-7Z' }, { d: 'M11.5 9.5l5 5M16.5 9.5l-5 5' }],
  settings: [
    { d: 'M4 7h9M17 7h3M4 17h3M11 17h9' },
    { circle: [15, 7, 2.2] },
    { circle: [9, 17, 2.2] },
  ],
  person: [{ circle: [12, 8.5, 3.8] }, { d: 'M4.5 20.5c.8-4 3.9-6.3 7.5-6.3s6.7 2.3 7.5 6.3' }],
  back: [{ d: 'M15 5l-7 7 7 7' }],
  copy: [{ d: 'M9 9h10a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1Z' }, { d: 'M16 9V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3' }],
  check: [{ d: 'M5 12.5l4.5 4.5L19 7.5' }],
  refresh: [{ d: 'M20 12a8 8 0 1 1-2.4-5.7M20 4v4.5h-4.5' }],
  warning: [{ d: 'M12 3.5 2.5 20h19Z' }, { d: 'M12 10v4.5M12 17.2v.1' }],
} satisfies Record<string, Shape[]>;

export type IconName = keyof typeof ICONS;

export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const shape of ICONS[name] as Shape[]) {
    let el: SVGElement;
    if ('circle' in shape) {
      el = document.createElementNS(NS, 'circle');
      const [cx, cy, r] = shape.circle;
      el.setAttribute('cx', String(cx));
      el.setAttribute('cy', String(cy));
      el.setAttribute('r', String(r));
    } else {
      el = document.createElementNS(NS, 'path');
      el.setAttribute('d', shape.d);
      if (shape.transform) el.setAttribute('transform', shape.transform);
    }
    if (shape.fill) {
      el.setAttribute('fill', 'currentColor');
      el.setAttribute('stroke', 'none');
    } else {
      el.setAttribute('fill', 'none');
      el.setAttribute('stroke', 'currentColor');
      el.setAttribute('stroke-width', '1.8');
      el.setAttribute('stroke-linecap', 'round');
      el.setAttribute('stroke-linejoin', 'round');
    }
    svg.appendChild(el);
  }
  return svg;
}
