"""The file to give spark-submit: runs `blocwatch spark-extract` with the arguments after it.

    spark-submit --master yarn "$(python -c 'import blocwatch.spark_job as j; print(j.__file__)')" \
        s3a://news/2024/ --out s3a://news-extracted/2024/

(A path, since spark-submit takes a file, not a module; absolute imports, since it runs
as a script.) The master and resources come from spark-submit.
"""
import sys

from blocwatch.cli import main

if __name__ == "__main__":
    sys.exit(main(["spark-extract", *sys.argv[1:]]))
