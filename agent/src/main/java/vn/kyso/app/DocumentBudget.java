package vn.kyso.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.errors.KysoException;

/**
 * The one budget for documents of all connections together, so that no number of pages or sockets can fill the
 * agent's memory: small documents are kept in memory while the memory share lasts; larger ones (and any once it is
 * used up) go to private files — owner-only, in a folder of this run inside the user's own folder — while the disk
 * share lasts; beyond both the upload is refused with DOCUMENTS_BUDGET_EXCEEDED before a byte is received.
 *
 * <p>Each run keeps its files in {@code <folder>/run-<id>/} and holds a lock on {@code run-<id>.lock}; a run that
 * crashed leaves its folder unlocked, and the next start removes every unlocked run folder. Closing removes this
 * run's folder.
 */
public final class DocumentBudget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentBudget.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** Where a document's bytes live. */
    enum Place { MEMORY, FILE }

    private final long memoryBytes;
    private final long diskBytes;
    private final long spillAboveBytes;
    private final Path runFolder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean temporaryBase;
    private long inMemory;
    private long onDisk;

    private DocumentBudget(long memoryBytes, long diskBytes, long spillAboveBytes, Path runFolder,
                           FileChannel lockChannel, FileLock lock, boolean temporaryBase) {
        this.memoryBytes = memoryBytes;
        this.diskBytes = diskBytes;
        this.spillAboveBytes = spillAboveBytes;
        this.runFolder = runFolder;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.temporaryBase = temporaryBase;
    }

    /**
     * Opens this run's folder inside {@code spillFolder} (a fresh private temporary folder when it is null), after
     * removing the folders of runs that ended without cleaning up.
     *
     * @param memoryBytes     document bytes of all connections kept in memory
     * @param diskBytes       document bytes of all connections kept in files
     * @param spillAboveBytes a document larger than this goes to a file even when memory has room
     */
    public static DocumentBudget open(long memoryBytes, long diskBytes, long spillAboveBytes, Path spillFolder)
            throws IOException {
        boolean temporary = spillFolder == null;
        Path base = temporary ? Files.createTempDirectory("kyso-documents", ownerOnly(OWNER_ONLY_DIR))
                : privateFolder(spillFolder);
        removeAbandonedRuns(base);
        String id = UUID.randomUUID().toString();
        FileChannel channel = FileChannel.open(base.resolve("run-" + id + ".lock"),
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(OWNER_ONLY_FILE));
        FileLock lock = channel.lock();
        Path run = Files.createDirectory(base.resolve("run-" + id), ownerOnly(OWNER_ONLY_DIR));
        return new DocumentBudget(memoryBytes, diskBytes, spillAboveBytes, run, channel, lock, temporary);
    }

    /** A reservation of {@code size} bytes: in memory when it is small and memory has room, else in a new file. */
    synchronized Reservation reserve(long size) {
        if (size <= spillAboveBytes && inMemory + size <= memoryBytes) {
            inMemory += size;
            return new Reservation(Place.MEMORY, size, null);
        }
        if (onDisk + size <= diskBytes) {
            onDisk += size;
            return new Reservation(Place.FILE, size, runFolder.resolve(UUID.randomUUID() + ".bin"));
        }
        throw new KysoException(ProtocolError.DOCUMENTS_BUDGET_EXCEEDED, Map.of("size", size,
                "memoryBytes", memoryBytes, "diskBytes", diskBytes), null,
                String.valueOf(size));
    }

    /** Gives the reservation back and removes its file. */
    void release(Reservation reservation) {
        synchronized (this) {
            if (reservation.place() == Place.MEMORY) {
                inMemory -= reservation.size();
            } else {
                onDisk -= reservation.size();
            }
        }
        if (reservation.file() != null) {
            try {
                Files.deleteIfExists(reservation.file());
            } catch (IOException e) {
                LOG.warn("a document file could not be removed; it goes at the next start: {}", e.toString());
            }
        }
    }

    /** A new owner-only file for a reservation in a file. */
    static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ), ownerOnly(OWNER_ONLY_FILE));
    }

    synchronized long memoryUsed() {
        return inMemory;
    }

    synchronized long diskUsed() {
        return onDisk;
    }

    /** This run's folder of document files. */
    public Path runFolder() {
        return runFolder;
    }

    /** Bytes reserved for one document, and its file when it lives in one. */
    record Reservation(Place place, long size, Path file) {
    }

    @Override
    public void close() {
        deleteTree(runFolder);
        try {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(runFolder.resolveSibling(runFolder.getFileName() + ".lock"));
            if (temporaryBase) {
                Files.deleteIfExists(runFolder.getParent());
            }
        } catch (IOException e) {
            LOG.warn("the document folder could not be removed; it goes at the next start: {}", e.toString());
        }
    }

    private static Path privateFolder(Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, ownerOnly(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException e) {
            // a folder left by an earlier run: made owner-only again, in case someone widened it
            if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY_DIR);
            }
        }
        return folder;
    }

    /** Removes the folders of runs whose lock nobody holds (the agent crashed or was killed). */
    private static void removeAbandonedRuns(Path base) throws IOException {
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(base, "run-*.lock")) {
            for (Path lockFile : locks) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                     FileLock held = channel.tryLock()) {
                    if (held == null) {
                        continue; // another agent of this user is running
                    }
                    String name = lockFile.getFileName().toString();
                    deleteTree(base.resolve(name.substring(0, name.length() - ".lock".length())));
                    Files.deleteIfExists(lockFile);
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // locked by this very process (a second server in one JVM, as in tests): in use
                }
            }
        }
        // run folders whose lock file is already gone
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
            for (Path run : runs) {
                if (Files.isDirectory(run) && !Files.exists(run.resolveSibling(run.getFileName() + ".lock"))) {
                    deleteTree(run);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", p.getFileName(), e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not list the document folder: {}", e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        // Windows: the folder lives under the user's %LOCALAPPDATA%, whose ACL already admits the user alone
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
