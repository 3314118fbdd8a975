// The element's own styles, inside its shadow root. Every colour, size and font comes from a
// CSS custom property with a default, so a host page themes it from outside:
//   herald-inbox { --herald-accent: #0a7; --herald-radius: 6px; }
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
  --_focus: var(--herald-focus, color-mix(in srgb, var(--_accent) 45%, transparent));
  --_radius: var(--herald-radius, 14px);
  --_shadow: var(--herald-shadow-raised, 0 12px 40px rgb(20 22 40 / 18%));
  --_width: var(--herald-panel-width, 400px);
  position: relative;
  display: inline-block;
  font-family: var(--herald-font, system-ui, sans-serif);
  color: var(--_text);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.bell {
  position: relative; display: grid; place-items: center; width: 42px; height: 42px;
  border: 1px solid var(--_border); border-radius: 50%; background: var(--_surface);
}
.bell svg { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 1.6; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: var(--_badge); color: #fff; font-size: 12px; font-weight: 700;
  line-height: 20px; text-align: center;
}
.panel {
  position: absolute; top: calc(100% + 10px); right: 0; z-index: 20; width: min(var(--_width), 92vw);
  max-height: min(70vh, 560px); display: flex; flex-direction: column; overflow: hidden;
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  box-shadow: var(--_shadow);
}
.head { display: flex; align-items: center; gap: 8px; padding: 12px 14px; border-bottom: 1px solid var(--_border); }
.head h2 { flex: 1; margin: 0; font-size: 16px; }
.filters { display: flex; gap: 8px; align-items: center; padding: 8px 14px; border-bottom: 1px solid var(--_border); font-size: 13px; }
.filters select { font: inherit; max-width: 50%; }
.text-button { border: 0; background: none; color: var(--_accent); font-size: 13px; font-weight: 600; padding: 4px 6px; border-radius: 6px; }
.list { list-style: none; margin: 0; padding: 0; overflow-y: auto; overscroll-behavior: contain; }
.item { display: flex; gap: 10px; padding: 12px 14px; border-bottom: 1px solid var(--_border); }
.item:hover { background: var(--_hover); }
.item.unread { background: color-mix(in srgb, var(--_accent) 7%, var(--_surface)); }
.open { flex: 1; min-width: 0; border: 0; background: none; padding: 0; text-align: start; }
.title { display: block; font-weight: 600; overflow-wrap: anywhere; }
.content { display: block; color: var(--_muted); font-size: 14px; overflow-wrap: anywhere; white-space: pre-line;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.time { display: block; color: var(--_muted); font-size: 12px; margin-top: 2px; }
.dot { flex: none; width: 9px; height: 9px; margin-top: 7px; border-radius: 50%; background: transparent; }
.unread .dot { background: var(--_accent); }
.toggle { flex: none; align-self: start; border: 0; background: none; color: var(--_muted); font-size: 12px; padding: 2px 4px; border-radius: 6px; }
.empty, .more { padding: 18px 14px; color: var(--_muted); text-align: center; font-size: 14px; }
.toasts { position: fixed; right: 16px; bottom: 16px; z-index: 30; display: flex; flex-direction: column; gap: 8px; width: min(360px, 92vw); }
.toast {
  display: block; width: 100%; padding: 12px 14px; border: 1px solid var(--_border); border-left: 4px solid var(--_accent);
  border-radius: calc(var(--_radius) - 4px); background: var(--_surface); box-shadow: var(--_shadow); text-align: start;
}
.toast .title, .toast .content { -webkit-line-clamp: 2; }
`;
