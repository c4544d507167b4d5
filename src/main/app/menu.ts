import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu as data (tested without Electron). Standard roles give the platform's
 * own labels, shortcuts and copy/paste behaviour; reload and developer tools are development
 * only, because a reload drops unsaved composer state and devtools would hand the renderer's
 * full API to whoever sits at a shared desk.
 */
export function menuTemplate(options: {
  isDev: boolean
  platform: NodeJS.Platform
  /** View → Open Wall Screen (full screen, on a second monitor when there is one). */
  onOpenWall?: () => void
}): MenuItemConstructorOptions[] {
  const onOpenWall = options.onOpenWall
  const view: MenuItemConstructorOptions[] = [
    ...(onOpenWall
      ? ([
          { label: 'Open Wall Screen', id: 'open-wall', accelerator: 'CmdOrCtrl+Alt+W', click: () => onOpenWall() },
          { type: 'separator' }
        ] satisfies MenuItemConstructorOptions[])
      : []),
    ...(options.isDev
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  return [
    ...(options.platform === 'darwin' ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' }
  ]
}
