"""Reading and writing the zip archives runner/pyc/ rewrites: the stdlib zip, the wheels, the rest archive."""
import zipfile


def read_entries(path):
    """Every entry of the archive at `path`, as (ZipInfo, bytes), read into memory: it may then be rewritten."""
    with zipfile.ZipFile(path) as source:
        return [(info, source.read(info)) for info in source.infolist()]


def writing(path):
    return zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9)


def write_entry(target, name, like, data):
    """Write `data` as `name`, keeping the date and permissions of the entry `like` it replaces."""
    entry = zipfile.ZipInfo(name, like.date_time)
    entry.external_attr = like.external_attr
    entry.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(entry, data)
