// Drag to move and drag the corner to resize the builder's tiles, snapping to grid cells. While dragging only the
// tile's CSS variables change; on release the final (tileId, x, y, w, h) goes to .NET, where DashboardLayout clamps it
// and pushes colliding tiles down, and Blazor renders the result.
const COLUMNS = 12;
const ROW_RATIO = 0.75; // as in DashboardBuilderPage.razor.css

export function attach(grid, dotnet) {
    let drag = null;

    function cells() {
        const rect = grid.getBoundingClientRect();
        const style = getComputedStyle(grid);
        const gap = parseFloat(style.columnGap) || 0;
        const padding = parseFloat(style.paddingLeft) || 0;
        const column = (rect.width - 2 * padding - (COLUMNS - 1) * gap) / COLUMNS;
        // The browser resolves the CSS row size to pixels; the ratio is the fallback should it not.
        const row = parseFloat(style.gridAutoRows) || Math.max(28, column * ROW_RATIO);
        return { column: column + gap, row: row + gap };
    }

    function place(tile, p) {
        tile.style.setProperty('--x', p.x + 1);
        tile.style.setProperty('--y', p.y + 1);
        tile.style.setProperty('--w', p.w);
        tile.style.setProperty('--h', p.h);
    }

    function onDown(e) {
        if (e.button !== 0) return;
        const tile = e.target.closest('.builder-tile');
        if (!tile || !grid.contains(tile) || e.target.closest('button, a, input, textarea, select')) return;
        const start = { x: +tile.dataset.x, y: +tile.dataset.y, w: +tile.dataset.w, h: +tile.dataset.h };
        drag = {
            tile, start, now: { ...start }, resize: !!e.target.closest('.builder-resize'),
            pointerX: e.clientX, pointerY: e.clientY, size: cells(), style: tile.getAttribute('style'), pointerId: e.pointerId,
        };
        tile.setPointerCapture(e.pointerId);
        tile.classList.add('dragging');
        e.preventDefault();
    }

    function onMove(e) {
        if (!drag || e.pointerId !== drag.pointerId) return;
        const dx = Math.round((e.clientX - drag.pointerX) / drag.size.column);
        const dy = Math.round((e.clientY - drag.pointerY) / drag.size.row);
        const s = drag.start;
        const p = drag.resize
            ? { x: s.x, y: s.y, w: Math.min(COLUMNS - s.x, Math.max(1, s.w + dx)), h: Math.max(1, s.h + dy) }
            : { x: Math.min(COLUMNS - s.w, Math.max(0, s.x + dx)), y: Math.max(0, s.y + dy), w: s.w, h: s.h };
        drag.now = p;
        place(drag.tile, p);
    }

    function onUp(e) {
        if (!drag || e.pointerId !== drag.pointerId) return;
        const { tile, start, now, style } = drag;
        drag = null;
        tile.classList.remove('dragging');
        // Blazor owns the style attribute: put it back, then let .NET render the settled layout.
        tile.setAttribute('style', style);
        if (now.x !== start.x || now.y !== start.y || now.w !== start.w || now.h !== start.h) {
            dotnet.invokeMethodAsync('TileMoved', tile.dataset.tileId, now.x, now.y, now.w, now.h);
        } else {
            tile.focus();
        }
    }

    // Arrow keys move or resize the selected tile (handled in .NET); the page must not scroll meanwhile.
    function onKey(e) {
        if (e.target.classList && e.target.classList.contains('builder-tile') && e.key.startsWith('Arrow')) e.preventDefault();
    }

    grid.addEventListener('pointerdown', onDown);
    grid.addEventListener('pointermove', onMove);
    grid.addEventListener('pointerup', onUp);
    grid.addEventListener('pointercancel', onUp);
    grid.addEventListener('keydown', onKey);
    return {
        detach() {
            grid.removeEventListener('pointerdown', onDown);
            grid.removeEventListener('pointermove', onMove);
            grid.removeEventListener('pointerup', onUp);
            grid.removeEventListener('pointercancel', onUp);
            grid.removeEventListener('keydown', onKey);
        },
    };
}
