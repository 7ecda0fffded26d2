pub mod official_files;
