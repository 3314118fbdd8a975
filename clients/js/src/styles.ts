// The element's own styles, inside its shadow root. Every colour, size and font comes from a
// CSS custom property with a default, so a host page themes it from outside:
//   herald-inbox { --herald-accent: #0a7; --herald-radius: 6px; }
// Directions are logical (inline-start and -end), so the element mirrors in a right-to-left page.
export const styles = `
:host {
  --_accent: var(--herald-accent, #5b4ee0);
  --_accent-contrast: var(--herald-accent-contrast, #fff);
  --_surface: var(--herald-surface, #fff);
  --_hover: var(--herald-surface-hover, #f6f6fb);
  --_text: var(--herald-text, #1b1d2a);
  --_muted: var(--herald-muted, #646a7e);
  --_border: var(--herald-border, #e3e5ee);
  --_badge: var(--herald-badge, #e5374d);
  --_danger: var(--herald-danger, #c8283d);
  --_focus: var(--herald-focus, color-mix(in srgb, var(--_accent) 45%, transparent));
  --_radius: var(--herald-radius, 14px);
  --_shadow: var(--herald-shadow-raised, 0 12px 40px rgb(20 22 40 / 18%), 0 2px 6px rgb(20 22 40 / 8%));
  --_width: var(--herald-panel-width, 420px);
  --_soft: color-mix(in srgb, var(--_accent) 9%, var(--_surface));
  position: relative;
  display: inline-block;
  font-family: var(--herald-font, system-ui, sans-serif);
  font-size: 15px;
  line-height: 1.45;
  color: var(--_text);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
svg { fill: none; stroke: currentColor; stroke-width: 1.7; stroke-linecap: round; stroke-linejoin: round; }

.bell {
  position: relative; display: grid; place-items: center; width: 42px; height: 42px; padding: 0;
  border: 1px solid var(--_border); border-radius: 50%; background: var(--_surface);
  transition: background-color 0.15s, border-color 0.15s;
}
.bell:hover, .bell[aria-expanded="true"] {
  background: var(--_soft); border-color: color-mix(in srgb, var(--_accent) 35%, var(--_border));
}
.bell svg { width: 22px; height: 22px; }
.badge {
  position: absolute; top: -5px; inset-inline-end: -6px; min-width: 20px; height: 20px; padding: 0 5px;
  border: 2px solid var(--_surface); border-radius: 999px; background: var(--_badge); color: #fff;
  font-size: 11px; font-weight: 700; line-height: 16px; text-align: center; font-variant-numeric: tabular-nums;
}

/* Hangs below the bell, its end under the bell's end; --_shift (set on opening) moves it back
   inside the viewport where the bell sits too near the other side. */
.panel {
  position: absolute; top: calc(100% + 10px); inset-inline-end: -8px; z-index: 20; translate: var(--_shift, 0) 0;
  width: min(var(--_width), calc(var(--_viewport, 100vw) - 24px));
  max-height: min(600px, calc(100vh - var(--_below-bell, 86px) - 20px));
  display: flex; flex-direction: column; overflow: hidden;
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  box-shadow: var(--_shadow);
}
/* In a narrow panel (or a longer language) the buttons wrap below the heading. */
.head {
  display: flex; flex-wrap: wrap; align-items: center; gap: 4px 2px; padding-block: 12px 10px; padding-inline: 16px 10px;
}
.head h2 { flex: 1 0 auto; margin: 0; margin-inline-end: 6px; font-size: 16px; }
.head-actions { display: flex; gap: 2px; margin-inline-start: auto; }
.text-button {
  padding: 4px 8px; border: 0; border-radius: 6px; background: none; color: var(--_accent);
  font-size: 13px; font-weight: 600; white-space: nowrap;
}
.text-button:hover { background: var(--_soft); }
.filters {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding-block: 0 10px; padding-inline: 16px;
  border-bottom: 1px solid var(--_border); color: var(--_muted); font-size: 13px;
}
.filters label { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.filters input { margin: 0; accent-color: var(--_accent); }
.filters select {
  min-width: 0; max-width: min(50%, 12em); margin-inline-start: auto; padding: 3px 6px;
  border: 1px solid var(--_border); border-radius: 6px; background: var(--_surface); color: var(--_text);
}
.message {
  margin: 0; padding: 8px 16px; overflow-wrap: anywhere; font-size: 13px;
  background: color-mix(in srgb, var(--_danger) 10%, var(--_surface)); color: var(--_danger);
}

.list {
  flex: 1 1 auto; min-height: 0; margin: 0; padding: 0; list-style: none;
  overflow-x: hidden; overflow-y: auto; overscroll-behavior: contain; scrollbar-width: thin;
}
.item {
  position: relative; display: flex; align-items: flex-start; gap: 12px;
  padding-block: 14px; padding-inline: 16px 8px; border-bottom: 1px solid var(--_border);
}
.item:hover { background: var(--_hover); }
.item.unread { background: var(--_soft); }
.item.unread::before {
  position: absolute; inset-block: 0; inset-inline-start: 0; width: 3px; background: var(--_accent); content: "";
}
.avatar {
  display: grid; flex: none; place-items: center; width: 36px; height: 36px; border-radius: 50%;
  background: color-mix(in srgb, hsl(var(--_hue, 250) 70% 55%) 20%, var(--_surface));
  color: color-mix(in srgb, hsl(var(--_hue, 250) 60% 35%) 75%, var(--_text));
  font-size: 15px; font-weight: 700; line-height: 1;
}
.open {
  display: flex; flex: 1; flex-direction: column; gap: 2px; min-width: 0;
  padding: 0; border: 0; background: none; text-align: start;
}
.open:focus-visible { outline-offset: 4px; border-radius: 4px; }
.title, .content {
  display: -webkit-box; overflow: hidden; overflow-wrap: anywhere; -webkit-box-orient: vertical;
}
.title { -webkit-line-clamp: 2; font-weight: 500; }
.unread .title, .unread .lead { font-weight: 650; }
.content { -webkit-line-clamp: 3; color: var(--_muted); font-size: 14px; white-space: pre-line; }
.content.lead { color: var(--_text); font-size: inherit; }
.meta {
  display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; min-width: 0; margin-top: 4px;
  color: var(--_muted); font-size: 12.5px;
}
.sender { min-width: 0; overflow-wrap: anywhere; color: var(--_text); font-weight: 550; }
.type {
  max-width: 100%; padding: 0 7px; overflow: hidden; border-radius: 999px; text-overflow: ellipsis; white-space: nowrap;
  background: color-mix(in srgb, var(--_text) 7%, transparent); font-size: 11.5px; line-height: 19px;
}
.time { white-space: nowrap; }
.actions { display: flex; flex: none; flex-direction: column; gap: 2px; margin-top: -6px; }
.action {
  display: grid; place-items: center; width: 32px; height: 32px; padding: 0;
  border: 0; border-radius: 50%; background: none; color: var(--_muted);
}
.action:hover { background: color-mix(in srgb, var(--_text) 8%, transparent); color: var(--_text); }
.action svg { width: 18px; height: 18px; }
.dot {
  width: 10px; height: 10px; border: 2px solid color-mix(in srgb, var(--_muted) 60%, transparent);
  border-radius: 50%; transition: transform 0.12s;
}
.read:hover .dot { transform: scale(1.2); }
.unread .dot { border-color: var(--_accent); background: var(--_accent); }
.empty, .more { padding: 32px 16px; color: var(--_muted); font-size: 14px; text-align: center; }

/* The toasts are a popover, in the top layer: a host page's transform, filter or backdrop-filter
   (a blurred sticky header, say) would otherwise make their fixed position relative to it. */
.toasts {
  position: fixed; inset: auto; inset-inline-end: 20px; bottom: 20px; display: flex; flex-direction: column;
  gap: 10px; width: min(360px, calc(100vw - 32px)); margin: 0; padding: 0; overflow: visible;
  border: 0; background: transparent; color: inherit; pointer-events: none;
}
.toasts:not(:popover-open) { display: none; }
.toast {
  display: flex; align-items: flex-start; overflow: hidden; pointer-events: auto;
  border: 1px solid var(--_border); border-inline-start: 4px solid var(--_accent);
  border-radius: calc(var(--_radius) - 2px); background: var(--_surface); box-shadow: var(--_shadow);
  animation: toast-in 0.2s ease-out;
}
@keyframes toast-in { from { opacity: 0; transform: translateY(12px); } }
.toast-open {
  display: flex; flex: 1; gap: 12px; min-width: 0; padding-block: 12px; padding-inline: 14px 4px;
  border: 0; background: none; text-align: start;
}
.toast-body { display: flex; flex-direction: column; min-width: 0; }
.toast-from { overflow: hidden; color: var(--_muted); font-size: 12.5px; text-overflow: ellipsis; white-space: nowrap; }
.toast .title { -webkit-line-clamp: 2; font-weight: 650; }
.toast .content { -webkit-line-clamp: 2; }
.toast-close {
  flex: none; width: 32px; height: 32px; margin-block-start: 6px; margin-inline-end: 6px; padding: 0;
  border: 0; border-radius: 50%; background: none; color: var(--_muted); font-size: 20px; line-height: 1;
}
.toast-close:hover { background: color-mix(in srgb, var(--_text) 8%, transparent); }

@media (max-width: 560px) {
  .toasts { inset-inline: 12px; bottom: 12px; width: auto; }
}
@media (prefers-reduced-motion: reduce) {
  .bell, .dot { transition: none; }
  .toast { animation: none; }
}
`;
