// Small browser helpers the Blazor components call; everything else is MudBlazor's.
window.workbench = {
    // The light/dark choice survives reloads on this browser.
    getDarkMode: () => localStorage.getItem('workbench.dark'),
    setDarkMode: (dark) => localStorage.setItem('workbench.dark', dark ? '1' : '0'),

    // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo pipeline edits, except while typing in a field,
    // where they keep undoing the text as the browser does.
    attachUndoKeys: (dotnet) => {
        const handler = (e) => {
            if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
            const target = e.target;
            if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
            const key = e.key.toLowerCase();
            if (key === 'z' && !e.shiftKey) {
                e.preventDefault();
                dotnet.invokeMethodAsync('UndoFromKeyboard');
            } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
                e.preventDefault();
                dotnet.invokeMethodAsync('RedoFromKeyboard');
            }
        };
        document.addEventListener('keydown', handler);
        return { detach: () => document.removeEventListener('keydown', handler) };
    },

    // Downloads a result file with progress the page can show, and a cancel that reaches the server (the aborted
    // request cancels the query in the database). A refusal (e.g. too many rows for Excel) comes back as the
    // problem's message instead of a raw JSON page.
    downloads: new Map(),
    download: async (id, url, dotnet) => {
        const controller = new AbortController();
        window.workbench.downloads.set(id, controller);
        try {
            const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
            if (!response.ok) {
                let message = '';
                try {
                    const problem = await response.json();
                    message = problem.detail || problem.title || '';
                } catch { }
                return { ok: false, cancelled: false, status: response.status, message: message, bytes: 0 };
            }
            const total = Number(response.headers.get('Content-Length')) || 0;
            const reader = response.body.getReader();
            const chunks = [];
            let received = 0;
            let reported = 0;
            await dotnet.invokeMethodAsync('ReportProgress', 0, total);
            for (;;) {
                const { done, value } = await reader.read();
                if (done) break;
                chunks.push(value);
                received += value.length;
                const now = performance.now();
                if (now - reported > 250) {
                    reported = now;
                    dotnet.invokeMethodAsync('ReportProgress', received, total);
                }
            }
            const blob = new Blob(chunks, { type: response.headers.get('Content-Type') || 'application/octet-stream' });
            const link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = window.workbench.fileName(response.headers.get('Content-Disposition'));
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(link.href), 60000);
            return { ok: true, cancelled: false, status: response.status, message: '', bytes: received };
        } catch (e) {
            const cancelled = e && e.name === 'AbortError';
            return { ok: false, cancelled: cancelled, status: 0, message: cancelled ? '' : String(e), bytes: 0 };
        } finally {
            window.workbench.downloads.delete(id);
        }
    },
    cancelDownload: (id) => window.workbench.downloads.get(id)?.abort(),

    // The file name of a Content-Disposition header: filename* (RFC 5987, UTF-8) first, then filename.
    fileName: (header) => {
        if (!header) return 'download';
        const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
        if (star) return decodeURIComponent(star[1]);
        const plain = /filename="?([^";]+)"?/i.exec(header);
        return plain ? plain[1] : 'download';
    },

    // Presentation mode for a meeting-room screen: the whole page full screen (it survives moving to the next
    // dashboard), the app bar and menu hidden, every rem-sized text larger. Full screen needs a click first; without
    // one (a bookmarked presentation) it returns false and the page offers a button.
    enterPresentation: async () => {
        document.documentElement.classList.add('wb-presenting');
        if (document.fullscreenElement) return true;
        try {
            await document.documentElement.requestFullscreen();
            return true;
        } catch (e) {
            return false;
        }
    },
    exitPresentation: async () => {
        document.documentElement.classList.remove('wb-presenting');
        if (document.fullscreenElement) {
            try { await document.exitFullscreen(); } catch (e) { }
        }
    },
};
