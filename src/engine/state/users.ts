// Users and groups by container ('' = the host), from the capture's user/group blocks and user events.
import type { GroupEntry, UserEntry } from '../../scap/index.js';

export interface UserInfo {
  uid: number;
  gid: number;
  name: string;
  home: string;
  shell: string;
}

export interface GroupInfo {
  gid: number;
  name: string;
}

export class UserGroupTable {
  /** By container id ('' = host), then by id. */
  readonly users = new Map<string, Map<number, UserInfo>>();
  readonly groups = new Map<string, Map<number, GroupInfo>>();

  user(containerId: string, uid: number): UserInfo | undefined {
    return this.users.get(containerId)?.get(uid);
  }

  group(containerId: string, gid: number): GroupInfo | undefined {
    return this.groups.get(containerId)?.get(gid);
  }

  addUser(u: UserInfo, containerId = ''): void {
    let m = this.users.get(containerId);
    if (!m) this.users.set(containerId, (m = new Map<number, UserInfo>()));
    m.set(u.uid, u);
  }

  addGroup(g: GroupInfo, containerId = ''): void {
    let m = this.groups.get(containerId);
    if (!m) this.groups.set(containerId, (m = new Map<number, GroupInfo>()));
    m.set(g.gid, g);
  }

  loadUser(u: UserEntry): void {
    this.addUser({ uid: u.uid, gid: u.gid, name: u.name, home: u.home, shell: u.shell });
  }

  loadGroup(g: GroupEntry): void {
    this.addGroup({ gid: g.gid, name: g.name });
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
  }
}
