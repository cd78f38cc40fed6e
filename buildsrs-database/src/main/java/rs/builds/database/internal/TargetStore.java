package rs.builds.database.internal;

import java.util.List;
import org.jdbi.v3.core.Handle;
import rs.builds.database.ConflictException;
import rs.builds.database.Names;
import rs.builds.database.NotFoundException;
import rs.builds.database.TargetInfo;

/** Target operations: input checks ({@link Names}), not-found and conflict rules, over the DAO. */
final class TargetStore {
    private final TargetDao targets;

    TargetStore(Handle handle) {
        this.targets = handle.attach(TargetDao.class);
    }

    List<TargetInfo> list() {
        return targets.targetList();
    }

    TargetInfo info(String name) {
        return targets.targetInfo(Names.targetName(name)).orElseThrow(() -> new NotFoundException("target", name));
    }

    /** @return the id of an existing target */
    long id(String name) {
        return targets.targetId(Names.targetName(name)).orElseThrow(() -> new NotFoundException("target", name));
    }

    void add(String name) {
        if (targets.targetAdd(Names.targetName(name)) == 0) {
            throw new ConflictException(ConflictException.Reason.EXISTS, "target", name, "target '" + name
                    + "' already exists", null);
        }
    }

    void remove(String name) {
        long target = id(name);
        if (targets.targetHasJobs(target)) {
            throw new ConflictException(ConflictException.Reason.HAS_JOBS, "target", name, "target '" + name
                    + "' has jobs, whose history must stay; disable it instead", null);
        }
        targets.targetRemove(target);
    }

    void setEnabled(String name, boolean enabled) {
        if (targets.targetSetEnabled(Names.targetName(name), enabled) == 0) {
            throw new NotFoundException("target", name);
        }
    }

    void rename(String name, String newName) {
        Names.targetName(newName);
        long target = id(name);
        if (name.equals(newName)) {
            return;
        }
        if (targets.targetId(newName).isPresent()) {
            throw new ConflictException(ConflictException.Reason.EXISTS, "target", newName, "cannot rename target '"
                    + name + "' to '" + newName
                    + "': a target of that name exists", null);
        }
        targets.targetRename(target, newName);
    }
}
