import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A real small disk: a tmpfs mounted on a fresh folder (Linux, as root). */
export interface Tmpfs {
  dir: string;
  /** Writes a file until the disk is really full (ENOSPC); returns its path. */
  fill(name?: string): string;
  /** Frees what fill() took. */
  free(file: string): void;
  /** Creates empty files in a new folder until no file entry (inode) is left; returns the folder (free it with free()). */
  exhaustInodes(): string;
  remount(mode: 'ro' | 'rw'): void;
  /** Unmounts (lazily, if something still holds it) and removes the folder. */
  cleanup(): void;
}

/** Whether this machine lets tests mount a tmpfs: Linux, root, and a kernel that allows it here (tried once). */
export const canMountTmpfs = ((): boolean => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // an unprivileged container: the fault tests are skipped, not failed
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();

/**
 * Grows `file` until the file system says ENOSPC (to the last byte), then gives back `leaveBytes`,
 * so the next writer runs out part-way (sometimes inside the media, sometimes in its trailer).
 */
export function fillUntilFull(file: string, leaveBytes = 0): void {
  const fd = fs.openSync(file, 'a');
  let size = fs.fstatSync(fd).size;
  try {
    for (const step of [64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(step, 1);
      for (;;) {
        try {
          size += fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
    if (leaveBytes > 0) fs.ftruncateSync(fd, Math.max(0, size - leaveBytes));
  } finally {
    fs.closeSync(fd);
  }
}

/** Mounts a tmpfs of `sizeMb` MB (and at most `inodes` files and folders, when given) on a new temp folder. */
export function mountTmpfs(sizeMb = 4, inodes?: number): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-tmpfs-'));
  const options = inodes === undefined ? `size=${sizeMb}m` : `size=${sizeMb}m,nr_inodes=${inodes}`;
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return {
    dir,
    fill(name = 'filler.bin') {
      const file = path.join(dir, name);
      fillUntilFull(file);
      return file;
    },
    free(file) {
      fs.rmSync(file, { recursive: true, force: true });
    },
    exhaustInodes() {
      const folder = path.join(dir, 'inode-filler');
      fs.mkdirSync(folder);
      for (let i = 0; ; i++) {
        try {
          fs.closeSync(fs.openSync(path.join(folder, String(i)), 'w'));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          return folder;
        }
      }
    },
    remount(mode) {
      execFileSync('mount', ['-o', `remount,${mode}`, dir]);
    },
    cleanup() {
      try {
        execFileSync('umount', [dir]);
      } catch {
        execFileSync('umount', ['-l', dir]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes `dir` read-only under a process that has files open for writing in it (what a remount of
 * the disk itself refuses with EBUSY): a read-only bind mount over the folder. Files already open
 * stay writable, every new open for writing fails with EROFS. Returns the undo.
 */
export function bindReadOnly(dir: string): () => void {
  execFileSync('mount', ['--bind', dir, dir]);
  execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
  return () => execFileSync('umount', [dir]);
}
